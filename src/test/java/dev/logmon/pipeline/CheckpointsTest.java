package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
    return new LineBatch(
        path, 1, List.of("x"), new FilePosition(path, "(k)", 0, "e3", offset, false));
  }

  @Test
  void savesCommittedPositionsEveryFiveSecondsAndKeepsOtherFilesEntries() {
    Path state = dir.resolve("state.json");
    FilePosition other = new FilePosition("/other.log", null, 0, "e3", 9, false);
    Checkpoints c = new Checkpoints(state, Map.of(other.path(), other), notes::add);
    c.commit(batch("/a.log", 10));
    c.maybeSave(100);
    assertThat(StateFile.read(state, notes::add).get("/a.log").offset()).isEqualTo(10);
    c.commit(batch("/a.log", 20));
    c.maybeSave(104); // too soon
    assertThat(StateFile.read(state, notes::add).get("/a.log").offset()).isEqualTo(10);
    c.maybeSave(105);
    Map<String, FilePosition> saved = StateFile.read(state, notes::add);
    assertThat(saved.get("/a.log").offset()).isEqualTo(20);
    assertThat(saved.get("/other.log")).isEqualTo(other);
    assertThat(notes).isEmpty();
  }

  @Test
  void batchesWithoutAPositionChangeNothing() {
    Path state = dir.resolve("state.json");
    Checkpoints c = new Checkpoints(state, Map.of(), notes::add);
    c.commit(new LineBatch("-", 1, List.of("x")));
    c.save();
    assertThat(Files.exists(state)).isFalse();
  }

  @Test
  void aFailingSaveIsNotedOnceAndRetried() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("state.json");
    Checkpoints c = new Checkpoints(missing, Map.of(), notes::add);
    c.commit(batch("/a.log", 1));
    c.save();
    c.save();
    assertThat(notes).singleElement().asString().contains("cannot save state file");
    Files.createDirectories(missing.getParent());
    c.save();
    assertThat(StateFile.read(missing, notes::add)).containsKey("/a.log");
  }
}
