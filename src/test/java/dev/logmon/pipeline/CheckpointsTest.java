package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.Batches;
import dev.logmon.source.FilePosition;
import dev.logmon.source.LineBatch;
import dev.logmon.source.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();

  static LineBatch batch(String path, long offset) {
    return Batches.of(path, 1, List.of("x"), new FilePosition(path, "(k)", 0, "e3", offset, false));
  }

  /** A log file that exists, so that its entry is not pruned as gone. */
  String log(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "").toString();
  }

  @Test
  void savesCommittedPositionsEveryFiveSecondsAndKeepsOtherFilesEntries() throws Exception {
    Path state = dir.resolve("state.json");
    String a = log("a.log");
    FilePosition other = new FilePosition(log("other.log"), null, 0, "e3", 9, false);
    Checkpoints c = new Checkpoints(state, Map.of(other.path(), other), notes::add);
    c.commit(batch(a, 10));
    c.maybeSave(100);
    assertThat(StateFile.read(state, notes::add).get(a).offset()).isEqualTo(10);
    c.commit(batch(a, 20));
    c.maybeSave(104); // too soon
    assertThat(StateFile.read(state, notes::add).get(a).offset()).isEqualTo(10);
    c.maybeSave(105);
    Map<String, FilePosition> saved = StateFile.read(state, notes::add);
    assertThat(saved.get(a).offset()).isEqualTo(20);
    assertThat(saved.get(other.path())).isEqualTo(other);
    assertThat(notes).isEmpty();
  }

  /**
   * Regression (issue 14): the state file only grew. An entry is dropped once its file is gone for
   * good: nothing at its path, and no file of its directory has its device and inode.
   */
  @Test
  void entriesOfFilesGoneForGoodArePrunedAndRotatedOnesKept() throws Exception {
    Path state = dir.resolve("state.json");
    Path rotated = dir.resolve("access.log");
    Files.writeString(rotated, "x\n");
    String key =
        Files.readAttributes(rotated, java.nio.file.attribute.BasicFileAttributes.class)
            .fileKey()
            .toString();
    String sha =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest("x\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    FilePosition renamed = new FilePosition(rotated.toString(), key, 2, sha, 2, false);
    FilePosition dated = new FilePosition(log("access-2026-01-01.log"), null, 0, "e3", 5, false);
    FilePosition there = new FilePosition(log("b.log"), null, 0, "e3", 1, false);
    Checkpoints c =
        new Checkpoints(
            state,
            Map.of(renamed.path(), renamed, dated.path(), dated, there.path(), there),
            notes::add);
    c.commit(batch(there.path(), 3));
    Files.move(rotated, dir.resolve("access.log.1")); // renamed: found by its inode
    Files.delete(Path.of(dated.path())); // deleted by a retention policy: gone for good
    c.maybeSave(100);
    assertThat(StateFile.read(state, notes::add).keySet())
        .containsExactlyInAnyOrder(renamed.path(), there.path());
    Files.delete(dir.resolve("access.log.1")); // its inode may be reused: the first bytes tell
    c.commit(batch(there.path(), 4));
    c.maybeSave(130); // saved, but pruning waits for its minute
    assertThat(StateFile.read(state, notes::add)).containsKey(renamed.path());
    c.save(); // the final save prunes
    assertThat(StateFile.read(state, notes::add).keySet()).containsExactly(there.path());
  }

  @Test
  void batchesWithoutAPositionChangeNothing() {
    Path state = dir.resolve("state.json");
    Checkpoints c = new Checkpoints(state, Map.of(), notes::add);
    c.commit(Batches.of("-", 1, List.of("x")));
    c.save();
    assertThat(Files.exists(state)).isFalse();
  }

  @Test
  void aFailingSaveIsNotedOnceAndRetried() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("state.json");
    Checkpoints c = new Checkpoints(missing, Map.of(), notes::add);
    String a = log("a.log");
    c.commit(batch(a, 1));
    c.save();
    c.save();
    assertThat(notes).singleElement().asString().contains("cannot save state file");
    Files.createDirectories(missing.getParent());
    c.save();
    assertThat(StateFile.read(missing, notes::add)).containsKey(a);
  }
}
