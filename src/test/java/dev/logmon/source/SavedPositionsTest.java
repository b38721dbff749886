package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One saved entry per file, kept when a successor takes its name (regression of issue 14: a stop
 * that cut a poll short after the successor's position and before the renamed file's lost the
 * renamed file's entry, and a restart read it again from its start).
 */
class SavedPositionsTest {
  @TempDir Path dir;

  private final List<String> lines = new ArrayList<>();

  /** Polls once; records the positions of the batches {@code counted} accepts. */
  private void poll(GlobWatcher w, SavedPositions saved, Predicate<LineBatch> counted)
      throws Exception {
    w.pollOnce(
        batch -> {
          if (counted.test(batch)) {
            lines.addAll(batch.lines());
            if (batch.end() != null) {
              saved.record(batch.end());
            }
          }
        });
  }

  private GlobWatcher watcher(Map<String, FilePosition> saved) {
    return new GlobWatcher(
        dir.resolve("a.log*").toString(),
        TailOptions.follow("glob").withFromStart(true),
        note -> {},
        saved,
        new DescriptorLimit());
  }

  @Test
  void aRenamedFileWhosePositionUnderItsNewNameNeverCameIsNotReadAgainAfterARestart()
      throws Exception {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "x1\nx2\nx3\n");
    SavedPositions saved = new SavedPositions(Map.of());
    GlobWatcher first = watcher(Map.of());
    poll(first, saved, b -> true);
    assertThat(lines).containsExactly("x1", "x2", "x3");

    Files.move(log, dir.resolve("a.log.1")); // rotated: x's file is a.log.1 now
    Files.writeString(log, "y1\ny2\n");
    // The stop cuts this poll short: only the successor's batches are counted and committed.
    poll(first, saved, b -> b.end() != null && b.end().path().equals(log.toString()));
    first.close();
    assertThat(lines).containsExactly("x1", "x2", "x3", "y1", "y2");
    assertThat(saved.entries()).hasSize(2); // a.log (y) and x's, displaced

    Path state = dir.resolve("state.json");
    StateFile.write(state, saved.entries());
    Map<String, FilePosition> loaded = StateFile.load(state, note -> {});
    assertThat(loaded).isEqualTo(saved.entries());
    GlobWatcher restarted = watcher(loaded);
    poll(restarted, new SavedPositions(loaded), b -> true);
    restarted.close();
    assertThat(lines).as("nothing read twice").containsExactly("x1", "x2", "x3", "y1", "y2");
  }

  @Test
  void aDisplacedEntryIsReplacedByItsFilesPositionUnderTheNewNameAndNotTakenByATailerOfTheOldName()
      throws Exception {
    FilePosition xAtLog = position("/logs/a.log", "(dev=1,ino=7)", 30);
    FilePosition yAtLog = position("/logs/a.log", "(dev=1,ino=8)", 10);
    FilePosition xAtLog1 = position("/logs/a.log.1", "(dev=1,ino=7)", 30);
    SavedPositions saved = new SavedPositions(Map.of());
    assertThat(saved.record(xAtLog)).isTrue();
    assertThat(saved.record(yAtLog)).isTrue();
    assertThat(saved.entries()).containsEntry("/logs/a.log", yAtLog).containsValue(xAtLog);
    assertThat(saved.record(yAtLog)).isFalse();

    assertThat(saved.record(xAtLog1)).isTrue();
    assertThat(saved.entries())
        .as("one entry per file")
        .containsOnly(Map.entry("/logs/a.log", yAtLog), Map.entry("/logs/a.log.1", xAtLog1));
  }

  @Test
  void aDisplacedEntryIsKeptWhileItsFileIsInTheDirectoryAndDroppedOnceItIsGone() throws Exception {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "x1\n");
    SavedPositions saved = new SavedPositions(Map.of());
    GlobWatcher w = watcher(Map.of());
    poll(w, saved, b -> true);
    Files.move(log, dir.resolve("a.log.1"));
    Files.writeString(log, "y1\n");
    poll(w, saved, b -> b.end() != null && b.end().path().equals(log.toString()));
    w.close();

    assertThat(saved.removeGone()).isZero(); // x is a.log.1: found by its inode
    assertThat(saved.entries()).hasSize(2);
    Files.delete(dir.resolve("a.log.1"));
    // Something is still at its old path (y), but x itself is gone: its entry goes.
    assertThat(saved.removeGone()).isEqualTo(1);
    assertThat(saved.entries()).containsOnlyKeys(log.toString());
  }

  private static FilePosition position(String path, String key, long offset) {
    return new FilePosition(path, key, 0, "e3", offset, false);
  }
}
