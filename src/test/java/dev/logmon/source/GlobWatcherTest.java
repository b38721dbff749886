package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobWatcherTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();

  GlobWatcher watcher(String glob) {
    return new GlobWatcher(
        dir.resolve(glob).toString(),
        TailOptions.follow("glob"),
        notes::add,
        null,
        new DescriptorLimit());
  }

  /** A glob that matched nothing was silent: the user could not tell it from a broken one. */
  @Test
  void aGlobMatchingNothingSaysItIsWaitingOnceUntilAFileMatches() throws Exception {
    GlobWatcher w = watcher("*.log");
    w.pollOnce(sink);
    w.pollOnce(sink);
    assertThat(notes).containsExactly("waiting for files matching glob");
    Files.writeString(dir.resolve("a.log"), "1\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("1");
    assertThat(notes).containsExactly("waiting for files matching glob");
  }

  @Test
  void existingMatchesFollowFromEndNewMatchesReadFromStart() throws Exception {
    Path a = dir.resolve("a.access.log");
    Files.writeString(a, "old\n");
    Files.writeString(dir.resolve("notes.txt"), "ignored\n");
    GlobWatcher w = watcher("*access.log");
    w.pollOnce(sink);
    assertThat(sink.take()).isEmpty();
    FileTailerTest.append(a, "a1\n");
    Path b = dir.resolve("b.access.log");
    Files.writeString(b, "b1\nb2\n");
    assertThat(w.pollOnce(sink)).isEqualTo(3);
    assertThat(sink.take()).containsExactly("a1", "b1", "b2");
    assertThat(w.statuses())
        .extracting(SourceStatus::name)
        .containsExactly(a.toString(), b.toString());
  }

  @Test
  void renamedAwayFileIsDrainedAndDroppedAndItsSuccessorReadFromStart() throws Exception {
    Path a = dir.resolve("access.log");
    Files.writeString(a, "");
    GlobWatcher w = watcher("*.log");
    w.pollOnce(sink);
    FileTailerTest.append(a, "1\ntail");
    Files.move(a, dir.resolve("access.log.1"));
    w.pollOnce(sink); // missed once: maybe a listing racing a rename; its complete lines are read
    assertThat(sink.take()).containsExactly("1");
    w.pollOnce(sink); // missed twice: gone; read to its end, its last line too
    assertThat(sink.take()).containsExactly("tail");
    assertThat(w.statuses()).isEmpty();
    Files.writeString(a, "2\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("2");
  }

  @Test
  void matchesInSubdirectoriesAndMissingBaseIsNoError() throws Exception {
    GlobWatcher w = watcher("*/access.log");
    w.pollOnce(sink);
    Files.createDirectories(dir.resolve("site1"));
    Files.writeString(dir.resolve("site1/access.log"), "s1\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("s1");
    GlobWatcher missing =
        new GlobWatcher(
            dir.resolve("nope/*.log").toString(),
            TailOptions.follow("g"),
            notes::add,
            null,
            new DescriptorLimit());
    assertThat(missing.pollOnce(sink)).isZero();
    // Nothing matched yet in either: a note that each waits, and no error.
    assertThat(notes)
        .containsExactly("waiting for files matching glob", "waiting for files matching g");
  }
}
