package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts of a glob covering rotated names with saved positions ({@code --state}): each run is a
 * new watcher given the positions the previous one's batches carried, however many rotations
 * happened in between.
 */
class GlobStateTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final Map<String, FilePosition> saved = new HashMap<>();

  /** One run: a fresh watcher, polled a few times; every batch's position is committed. */
  List<String> run(boolean fromStart) throws Exception {
    RecordingSink sink = new RecordingSink();
    GlobWatcher w =
        new GlobWatcher(
            dir.resolve("a.log*").toString(),
            TailOptions.follow("glob").withFromStart(fromStart),
            notes::add,
            new HashMap<>(saved),
            new DescriptorLimit());
    for (int i = 0; i < 4; i++) {
      w.pollOnce(sink);
    }
    w.close();
    for (LineBatch b : sink.batches) {
      saved.put(b.end().path(), b.end());
    }
    return sink.lines();
  }

  void rotate() throws Exception {
    for (int n = 20; n >= 1; n--) {
      Path from = dir.resolve(n == 1 ? "a.log" : "a.log." + (n - 1));
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("a.log." + n));
      }
    }
  }

  void append(String text) throws Exception {
    FileTailerTest.append(dir.resolve("a.log"), text);
  }

  /**
   * Regression: a file renamed while a line was half written sent its position under its new name
   * after that half, so a stop before the rest arrived read only the rest after a restart.
   */
  @Test
  void aFileRenamedInsideALineIsSavedAtThatLinesStart() throws Exception {
    append("1\n2");
    RecordingSink sink = new RecordingSink();
    GlobWatcher w =
        new GlobWatcher(
            dir.resolve("a.log*").toString(),
            TailOptions.follow("glob").withFromStart(true),
            notes::add,
            new HashMap<>(saved),
            new DescriptorLimit());
    w.pollOnce(sink);
    rotate();
    w.pollOnce(sink);
    w.close(); // stopped before the line's rest is written
    for (LineBatch b : sink.batches) {
      saved.put(b.end().path(), b.end());
    }
    assertThat(saved.get(dir.resolve("a.log.1").toString()).offset()).isEqualTo(2);
    FileTailerTest.append(dir.resolve("a.log.1"), "x\n");
    assertThat(sink.lines()).containsExactly("1");
    assertThat(run(false)).containsExactly("2x");
  }

  @Test
  void aRestartIsExactHoweverManyRotationsHappenedWhileStopped() throws Exception {
    append("1\n2\n");
    assertThat(run(true)).containsExactly("1", "2");
    append("3\n");
    rotate();
    append("4\n");
    rotate();
    rotate(); // a rotation of an empty file too: a.log.1 and a.log.2 are new, a.log.3 is known
    append("5\npartial");
    assertThat(run(false)).containsExactlyInAnyOrder("3", "4", "5");
    append(" line\n");
    rotate();
    assertThat(run(false)).containsExactly("partial line");
    assertThat(run(false)).isEmpty();
    assertThat(notes).isEmpty();
  }

  @Test
  void aFirstRunWithoutSavedPositionsFollowsFromTheEnd() throws Exception {
    append("old\n");
    Files.writeString(dir.resolve("a.log.1"), "older\n");
    assertThat(run(false)).isEmpty();
    append("new\n");
    rotate();
    assertThat(run(false)).containsExactly("new");
  }

  @Test
  void aFileCompressedWhileStoppedIsReadFromWhereItWasLeft() throws Exception {
    append("1\n");
    assertThat(run(true)).containsExactly("1");
    append("2\n");
    rotate();
    GlobCompressedTest.gzip(dir.resolve("a.log.1"), dir.resolve("a.log.1.gz"));
    Files.delete(dir.resolve("a.log.1")); // logrotate's compress: only the gzip file is left
    Files.writeString(dir.resolve("a.log"), "3\n");
    assertThat(run(false)).containsExactlyInAnyOrder("2", "3");
    assertThat(notes).singleElement().asString().contains("reading what was not read of it");
    assertThat(run(false)).isEmpty();
  }
}
