package dev.logmon.source;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip files met by a follower (recognised by their magic bytes): compressed bytes are never taken
 * for lines; a compressed copy of a file already read is skipped with one note; an unknown one is
 * read once when its lines are wanted.
 */
class GlobCompressedTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();

  GlobWatcher watcher(boolean fromStart) {
    return new GlobWatcher(
        dir.resolve("a.log*").toString(),
        TailOptions.follow("glob").withFromStart(fromStart),
        notes::add,
        null,
        new DescriptorLimit());
  }

  static void gzip(Path from, Path to) throws IOException {
    gzip(Files.readString(from), to);
  }

  static void gzip(String text, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Polls until nothing more arrives (a compressed file is read in settled steps). */
  List<String> pollAll(GlobWatcher w) throws Exception {
    for (int i = 0; i < 5; i++) {
      w.pollOnce(sink);
    }
    return sink.take();
  }

  @Test
  void aCompressedCopyOfAFileBeingReadIsSkippedWithOneNote() throws Exception {
    Path one = dir.resolve("a.log.1");
    Files.writeString(one, "x1\nx2\n");
    GlobWatcher w = watcher(true);
    assertThat(pollAll(w)).containsExactly("x1", "x2");
    gzip(one, dir.resolve("a.log.1.gz")); // logrotate compressing; the plain file is still there
    assertThat(pollAll(w)).isEmpty();
    Files.delete(one);
    assertThat(pollAll(w)).isEmpty();
    assertThat(notes)
        .containsExactly(
            dir.resolve("a.log.1.gz")
                + ": a compressed copy of "
                + one
                + ", which is being read; not read again");
  }

  @Test
  void aCompressedCopyOfAFileReadToItsEndAndDeletedIsSkipped() throws Exception {
    Path one = dir.resolve("a.log.1");
    Files.writeString(one, "x1\n");
    GlobWatcher w = watcher(true);
    String text = Files.readString(one) + "x2\n";
    FileTailerTest.append(one, "x2\n");
    assertThat(pollAll(w)).containsExactly("x1", "x2");
    Files.delete(one); // read to its end through the open descriptor, then remembered
    assertThat(pollAll(w)).isEmpty();
    gzip(text, dir.resolve("a.log.2.gz"));
    assertThat(pollAll(w)).isEmpty();
    assertThat(notes).singleElement().asString().contains("already read; not read again");
  }

  @Test
  void anUnknownCompressedFileAppearingLaterIsReadOnceAndNeverAsBytes() throws Exception {
    GlobWatcher w = watcher(false);
    w.pollOnce(sink);
    gzip("g1\ng2\nlast", dir.resolve("a.log.3.gz"));
    assertThat(pollAll(w)).containsExactly("g1", "g2", "last");
    assertThat(pollAll(w)).isEmpty();
    assertThat(w.statuses().get(0).state()).isEqualTo(SourceStatus.State.DONE);
    assertThat(w.statuses().get(0).lines()).isEqualTo(3);
  }

  @Test
  void oldCompressedFilesAreReadWithFromStartAndSkippedWithout() throws Exception {
    gzip("old1\nold2\n", dir.resolve("a.log.2.gz"));
    Files.writeString(dir.resolve("a.log"), "cur\n");
    assertThat(pollAll(watcher(true))).containsExactlyInAnyOrder("cur", "old1", "old2");
    assertThat(pollAll(watcher(false))).isEmpty();
    assertThat(notes).isEmpty();
  }

  @Test
  void aCompressedFileStillBeingWrittenIsReadOnAsItGrowsAndACutOneUpToWhereItEnds()
      throws Exception {
    GlobWatcher w = watcher(false);
    w.pollOnce(sink);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("line ").append(i).append(' ').append(Integer.toHexString(i * 7919)).append('\n');
    }
    Path whole = dir.resolve("whole.tmp");
    gzip(text.toString(), whole);
    byte[] bytes = Files.readAllBytes(whole);
    int half = bytes.length / 2;
    Path gz = dir.resolve("a.log.4.gz");
    Files.write(gz, java.util.Arrays.copyOf(bytes, half)); // gzip has written half so far
    List<String> first = pollAll(w);
    assertThat(first).hasSizeBetween(1, 4999);
    Files.write(gz, java.util.Arrays.copyOfRange(bytes, half, bytes.length), APPEND);
    List<String> all = new ArrayList<>(first);
    all.addAll(pollAll(w));
    assertThat(all).isEqualTo(List.of(text.toString().split("\n")));
    assertThat(notes).containsExactly("waiting for files matching glob"); // before a.log.4.gz

    Path truncated = dir.resolve("a.log.5.gz");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, half)); // never whole
    List<String> cut = pollAll(w);
    assertThat(all).startsWith(cut.toArray(String[]::new));
    Files.delete(truncated); // gone: its cut last line is the last thing read of it
    List<String> last = pollAll(w);
    assertThat(last).hasSize(1);
    assertThat(all.get(cut.size())).startsWith(last.get(0));
    assertThat(notes).containsExactly("waiting for files matching glob");
  }

  /** Regression (issue 14): {@code --from-start x.log.gz} gave malformed lines of gzip bytes. */
  @Test
  void aNamedCompressedFileIsReadOnceWithFromStartAndNotedWithout() throws Exception {
    Path gz = dir.resolve("x.log.gz");
    gzip("z1\nz2\n", gz);
    FileTailer t =
        new FileTailer(
            gz,
            TailOptions.follow("x").withFromStart(true),
            notes::add,
            null,
            new DescriptorLimit());
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(sink.take()).containsExactly("z1", "z2");
    assertThat(t.status().state()).isEqualTo(SourceStatus.State.DONE);
    FileTailer fromEnd =
        new FileTailer(gz, TailOptions.follow("x"), notes::add, null, new DescriptorLimit());
    fromEnd.pollOnce(sink);
    fromEnd.pollOnce(sink);
    assertThat(sink.take()).isEmpty();
    assertThat(notes).singleElement().asString().startsWith("x is gzip-compressed");
  }
}
