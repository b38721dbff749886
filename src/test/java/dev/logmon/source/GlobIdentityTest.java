package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A glob that covers rotated names ({@code a.log*}) follows files by identity: renamed, a file
 * keeps its reader and offset; only a file not met before is read from its start.
 */
class GlobIdentityTest {
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

  /** logrotate's numbered scheme: a.log.N-1 to a.log.N, ..., a.log to a.log.1, a new a.log. */
  void rotate(int kept) throws Exception {
    for (int n = kept; n >= 1; n--) {
      Path from = dir.resolve(n == 1 ? "a.log" : "a.log." + (n - 1));
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("a.log." + n));
      }
    }
    Files.writeString(dir.resolve("a.log"), "");
  }

  void append(String text) throws Exception {
    FileTailerTest.append(dir.resolve("a.log"), text);
  }

  /** Regression (issue 14): every renamed file was read again from its start under its name. */
  @Test
  void aRenamedFileKeepsItsReaderAndOffset() throws Exception {
    Files.writeString(dir.resolve("a.log"), "old\n");
    GlobWatcher w = watcher("a.log*");
    w.pollOnce(sink);
    append("1\n");
    w.pollOnce(sink);
    rotate(5);
    append("2\n");
    w.pollOnce(sink);
    rotate(5);
    append("3\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("1", "2", "3");
    assertThat(w.statuses())
        .extracting(SourceStatus::name)
        .containsExactly(
            dir.resolve("a.log").toString(),
            dir.resolve("a.log.1").toString(),
            dir.resolve("a.log.2").toString());
    assertThat(w.statuses().get(2).rotations()).isEqualTo(2); // renamed twice while followed
  }

  @Test
  void twoRotationsWithinOnePollLoseAndRepeatNothing() throws Exception {
    Files.writeString(dir.resolve("a.log"), "");
    GlobWatcher w = watcher("a.log*");
    w.pollOnce(sink);
    append("1\n2");
    w.pollOnce(sink);
    append("\n3\n");
    rotate(9);
    append("4\n");
    rotate(9);
    append("5\nlast unterminated");
    w.pollOnce(sink);
    w.pollOnce(sink);
    // Two files new in one poll are read in path order: which was written first is unknown.
    assertThat(sink.take()).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
    assertThat(w.statuses()).hasSize(3);
  }

  @Test
  void aFileRenamedOutOfTheGlobAndBackGoesOnWhereItStopped() throws Exception {
    Path a = dir.resolve("a.log");
    Files.writeString(a, "");
    GlobWatcher w = watcher("*.log");
    w.pollOnce(sink);
    FileTailerTest.append(a, "1\n");
    Files.move(a, dir.resolve("a.parked"));
    w.pollOnce(sink);
    w.pollOnce(sink); // missed twice: read to its end, remembered and let go
    assertThat(w.statuses()).isEmpty();
    FileTailerTest.append(dir.resolve("a.parked"), "2\n");
    Files.move(dir.resolve("a.parked"), dir.resolve("b.log"));
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("1", "2");
  }

  @Test
  void twoNamesOfOneFileAreOneFile() throws Exception {
    Path a = dir.resolve("a.log");
    Files.writeString(a, "");
    Files.createLink(dir.resolve("hard.log"), a);
    Files.createSymbolicLink(dir.resolve("sym.log"), a);
    GlobWatcher w = watcher("*.log");
    w.pollOnce(sink);
    FileTailerTest.append(a, "1\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("1");
    assertThat(w.statuses()).hasSize(1);
  }

  @Test
  void aFileRecreatedUnderAnOldNameIsNewAndReadFromItsStart() throws Exception {
    Path a = dir.resolve("a.log");
    Files.writeString(a, "old\n");
    GlobWatcher w = watcher("*.log");
    w.pollOnce(sink);
    Files.delete(a);
    w.pollOnce(sink);
    w.pollOnce(sink);
    Files.writeString(a, "new 1\nnew 2\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("new 1", "new 2");
  }

  @Test
  void fromStartReadsEveryFileOfTheFirstListingWhole() throws Exception {
    Files.writeString(dir.resolve("a.log"), "a\n");
    Files.writeString(dir.resolve("a.log.1"), "b\n");
    GlobWatcher w =
        new GlobWatcher(
            dir.resolve("a.log*").toString(),
            TailOptions.follow("glob").withFromStart(true),
            notes::add,
            null,
            new DescriptorLimit());
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactlyInAnyOrder("a", "b");
  }

  /**
   * Regression (issue 14): a watcher started late skipped what was written between the start of the
   * run and its first poll. The start fixes each file's old content at the size it had then.
   */
  @Test
  void linesWrittenAfterStartButBeforeTheFirstPollAreRead() throws Exception {
    Files.writeString(dir.resolve("a.log"), "old\n");
    GlobWatcher w = watcher("a.log*");
    w.start();
    append("after start\n");
    w.pollOnce(sink);
    assertThat(sink.take()).containsExactly("after start");
    assertThat(notes).isEmpty();
  }
}
