package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.SourceStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();
  final RecordingSink sink = new RecordingSink();

  FileTailer tailer(Path file, boolean fromStart) {
    return new FileTailer(
        file,
        TailOptions.follow("log").withFromStart(fromStart),
        notes::add,
        null,
        new DescriptorLimit());
  }

  static void append(Path file, String text) throws IOException {
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void followStartsAtEndAndReadsAppendedLinesAcrossPolls() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "old1\nold2\n");
    FileTailer t = tailer(log, false);
    assertThat(t.pollOnce(sink)).isZero();
    append(log, "new1\n");
    assertThat(t.pollOnce(sink)).isEqualTo(1);
    append(log, "new2\nnew3\n");
    assertThat(t.pollOnce(sink)).isEqualTo(2);
    assertThat(sink.lines()).containsExactly("new1", "new2", "new3");
    assertThat(sink.batches.get(0).firstLineNumber()).isEqualTo(1);
    assertThat(sink.batches.get(1).firstLineNumber()).isEqualTo(2);
    assertThat(t.status().state()).isEqualTo(State.FOLLOWING);
    assertThat(t.status().lines()).isEqualTo(3);
  }

  @Test
  void followStartsAtTheLineBeingWritten() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "old\npart");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "ial\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("partial");
  }

  /**
   * Regression (issue 14): a tailer whose thread got to the file late took the file's end then as
   * its start. The start is fixed when following begins, and the file of that moment is read even
   * if it is rotated away before the first poll.
   */
  @Test
  void whatIsWrittenAfterTheStartIsReadHoweverLateTheFirstPoll() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "old\npart");
    FileTailer t = tailer(log, false);
    t.start();
    append(log, "ial\nafter start\n");
    Files.move(log, dir.resolve("access.log.1"));
    append(log, "next file\n");
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("partial", "after start", "next file");
    assertThat(notes).containsExactly("log rotated");
  }

  /**
   * Regression: the first poll took the size of the file now at the path for the pinned file's, and
   * a successor shorter than the old content read as a truncation: the old lines were counted.
   */
  @Test
  void aShortSuccessorOfThePinnedFileIsNoTruncationOfIt() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "old line one\nold line two\npart");
    FileTailer t = tailer(log, false);
    t.start();
    append(log, "ial\n");
    Files.move(log, dir.resolve("access.log.1"));
    append(log, "n\n");
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("partial", "n");
    assertThat(notes).containsExactly("log rotated");
  }

  @Test
  void fromStartReadsExistingContent() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "a\nb\n");
    FileTailer t = tailer(log, true);
    assertThat(t.pollOnce(sink)).isEqualTo(2);
    assertThat(sink.lines()).containsExactly("a", "b");
  }

  @Test
  void partialLineWaitsForItsNewline() throws Exception {
    Path log = dir.resolve("access.log");
    FileTailer t = tailer(log, true);
    append(log, "GET /a");
    assertThat(t.pollOnce(sink)).isZero();
    append(log, " HTTP/1.1\r\n");
    assertThat(t.pollOnce(sink)).isEqualTo(1);
    assertThat(sink.lines()).containsExactly("GET /a HTTP/1.1");
  }

  @Test
  void invalidUtf8AndOversizeLinesAreHandled() throws Exception {
    Path log = dir.resolve("access.log");
    FileTailer t =
        new FileTailer(
            log,
            TailOptions.follow("log").withFromStart(true).withLimits(10, 100),
            notes::add,
            null,
            new DescriptorLimit());
    Files.write(log, new byte[] {'a', (byte) 0xFF, '\n'});
    append(log, "x".repeat(50) + "\nintact\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("a\uFFFD", "x".repeat(10), "intact");
    assertThat(t.status().oversizeLines()).isEqualTo(1);
  }

  /** A read's complete lines are one batch, numbered on from the last; no cap on its lines. */
  @Test
  void aReadIsOneBatchWhateverMaxBatchLines() throws Exception {
    Path log = dir.resolve("access.log");
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 25; i++) {
      text.append(i).append('\n');
    }
    append(log, text.toString());
    FileTailer t =
        new FileTailer(
            log,
            TailOptions.follow("log").withFromStart(true).withLimits(100, 10),
            notes::add,
            null,
            new DescriptorLimit());
    assertThat(t.pollOnce(sink)).isEqualTo(25);
    append(log, "26\n27\n");
    assertThat(t.pollOnce(sink)).isEqualTo(2);
    assertThat(sink.batches).extracting(b -> b.lines().size()).containsExactly(25, 2);
    assertThat(sink.batches).extracting(LineBatch::firstLineNumber).containsExactly(1L, 26L);
    assertThat(sink.batches.get(1).lines()).containsExactly("26", "27");
    assertThat(sink.batches).allMatch(b -> b.source().equals("log"));
  }

  @Test
  void missingFileIsWaitedForOnceAndReadFromStartWhenItAppears() throws Exception {
    Path log = dir.resolve("access.log");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(notes).containsExactly("waiting for log to appear");
    assertThat(t.status().state()).isEqualTo(State.WAITING);
    append(log, "first\n");
    assertThat(t.pollOnce(sink)).isEqualTo(1);
    assertThat(sink.lines()).containsExactly("first");
  }

  @Test
  void renameAndCreateRotationFlushesOldTailWithoutLossOrDuplication() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "1\n2\n");
    t.pollOnce(sink);
    append(log, "3\nunterminated");
    Files.move(log, dir.resolve("access.log.1"));
    append(log, "4\n5\n");
    t.pollOnce(sink);
    append(log, "6\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("1", "2", "3", "unterminated", "4", "5", "6");
    assertThat(t.status().rotations()).isEqualTo(1);
    assertThat(notes).contains("log rotated");
    assertThat(sink.batches.get(sink.batches.size() - 1).firstLineNumber()).isEqualTo(3);
  }

  @Test
  void copyTruncateRestartsAtZero() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "1\n2\n");
    t.pollOnce(sink);
    try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    t.pollOnce(sink);
    append(log, "3\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("1", "2", "3");
    assertThat(t.status().truncations()).isEqualTo(1);
    assertThat(notes).contains("log truncated");
  }

  /**
   * A poll checks the first bytes before reading only when the file is as long as our offset; a
   * file rewritten past it is caught by the check after the read, whose bytes (read at the old,
   * stale offset) are dropped and read again from 0: each line once.
   */
  @Test
  void aCopytruncateRewrittenPastOurOffsetCountsItsLinesOnce() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "aaaa\nbbbb\n");
    t.pollOnce(sink);
    try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    append(log, "cccc\ndddd\neeee\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("aaaa", "bbbb", "cccc", "dddd", "eeee");
    assertThat(t.status().truncations()).isEqualTo(1);
    assertThat(t.status().lines()).isEqualTo(5);
  }

  @Test
  void copyTruncateWithNulPaddingSkipsTheNuls() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "line one\nline two\n");
    t.pollOnce(sink);
    // A writer without O_APPEND keeps writing at its old offset after the truncate, leaving a
    // hole of NULs; between our polls the file grew past our offset again.
    long oldOffset = Files.size(log);
    try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(0);
      ch.write(
          java.nio.ByteBuffer.wrap("after\nmore lines\n".getBytes(StandardCharsets.UTF_8)),
          oldOffset);
    }
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("line one", "line two", "after", "more lines");
    assertThat(t.status().truncations()).isEqualTo(1);
  }

  @Test
  void deleteAndRecreateDrainsThenReadsNewFileFromStart() throws Exception {
    Path log = dir.resolve("access.log");
    append(log, "");
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    append(log, "1\n2");
    Files.delete(log);
    t.pollOnce(sink);
    assertThat(sink.take()).containsExactly("1", "2");
    assertThat(t.status().state()).isEqualTo(State.WAITING);
    t.pollOnce(sink);
    assertThat(notes).containsExactly("log deleted; waiting for it to reappear");
    append(log, "3\n");
    t.pollOnce(sink);
    assertThat(sink.take()).containsExactly("3");
    assertThat(t.status().state()).isEqualTo(State.FOLLOWING);
  }

  @Test
  void directoryInsteadOfFileIsOneErrorNoteAndRetried() throws Exception {
    Path log = dir.resolve("access.log");
    Files.createDirectory(log);
    FileTailer t = tailer(log, false);
    t.pollOnce(sink);
    t.pollOnce(sink);
    t.pollOnce(sink);
    assertThat(notes).containsExactly("cannot read log: is a directory");
    assertThat(t.status().state()).isEqualTo(State.ERROR);
    assertThat(t.status().readErrors()).isEqualTo(1);
    assertThat(t.status().lastError()).isEqualTo("cannot read log: is a directory");
    Files.delete(log);
    append(log, "now a file\n");
    t.pollOnce(sink);
    assertThat(sink.lines()).containsExactly("now a file");
    assertThat(t.status().state()).isEqualTo(State.FOLLOWING);
  }

  @Test
  void closeMarksDone() throws Exception {
    FileTailer t = tailer(dir.resolve("x.log"), false);
    t.close();
    assertThat(t.status().state()).isEqualTo(State.DONE);
  }
}
