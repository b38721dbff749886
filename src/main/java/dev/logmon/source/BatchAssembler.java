package dev.logmon.source;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The lines of one file on their way into {@link LineBatch}es of at most {@code maxBatchLines}.
 *
 * <p>Numbers lines from 1 at the point where reading of this file began. The complete lines of a
 * read are found by one scan for newlines (eight bytes a step) and copied into a pending buffer in
 * one piece, up to the last newline; only the line a read cuts short is carried, in a {@link
 * LineSplitter}, which also bounds it (a carried line over the cap is cut and the rest skipped). A
 * complete line over the cap is cut the same way as it is copied, so no line takes more than the
 * cap. With {@link Positions}, each batch also carries the file position just after its last line.
 * Not thread-safe.
 */
final class BatchAssembler implements LineSplitter.Lines {
  /** Turns a byte offset in the file into a {@link FilePosition} of the file read now. */
  interface Positions {
    FilePosition at(long offset, boolean midLine);
  }

  private static final int[] NO_CUTS = {};

  private final String source;
  private final int maxBatchLines;
  private final LineSplitter splitter;
  private final Positions positions;
  // Pending lines: bytes [head, tail) of buf, each ended by \n; line k ends at lineEnd[k], for
  // k in [headLine, lineCount).
  private byte[] buf = new byte[16 * 1024];
  private int head;
  private int tail;
  private int[] lineEnd = new int[256];
  private int headLine;
  private int lineCount;
  // With positions: where each pending line ends, as offset << 1 | 1 if inside a skipped line.
  private long[] ends = new long[0];
  // The numbers of pending lines cut to the cap (rare), oldest first.
  private final ArrayDeque<Long> cut = new ArrayDeque<>();
  private final int maxLineBytes;
  // The number of lines completed so far, which is also the number of the last one.
  private long lineNumber;
  // Complete lines over the cap, cut as they were copied (the splitter counts those it cuts).
  private long cutComplete;

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines) {
    this(source, maxLineBytes, maxBatchLines, null);
  }

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines, Positions positions) {
    this.source = source;
    this.maxBatchLines = maxBatchLines;
    this.splitter = new LineSplitter(maxLineBytes);
    this.positions = positions;
    this.maxLineBytes = maxLineBytes;
  }

  void feed(byte[] b, int off, int len) {
    feed(b, off, len, 0);
  }

  @Override
  public void line(byte[] b, int off, int len, boolean cutLine) {
    if (tail + len + 1 > buf.length) {
      makeRoom(len + 1);
    }
    System.arraycopy(b, off, buf, tail, len);
    tail += len;
    buf[tail++] = '\n';
    if (lineCount == lineEnd.length) {
      lineEnd = Arrays.copyOf(lineEnd, lineCount * 2);
    }
    lineEnd[lineCount++] = tail;
    lineNumber++;
    if (cutLine) {
      cut.addLast(lineNumber);
    }
  }

  /** Feeds bytes that start at {@code fileOffset} in the file, noting where each line ends. */
  void feed(byte[] b, int off, int len, long fileOffset) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    int end = off + len;
    int i = off;
    if (insideLine()) {
      // The rest of the line carried from the last read, through the splitter that holds it.
      int newline = LineBytes.nextNewline(b, i, end);
      int stop = newline < 0 ? end : newline + 1;
      int before = lineCount - headLine; // pending lines: a compaction keeps their number
      splitter.feed(b, i, stop - i, this);
      mark(headLine + before, (fileOffset + stop - off) << 1 | (splitter.skipping() ? 1 : 0));
      if (newline < 0) {
        return;
      }
      i = stop;
    }
    int last = LineBytes.lastNewline(b, i, end);
    if (last >= 0) {
      complete(b, i, last + 1, fileOffset + (i - off));
      i = last + 1;
    }
    if (i < end) {
      // A line this read cuts short: held (or, over the cap, cut and its rest skipped).
      int before = lineCount - headLine;
      splitter.feed(b, i, end - i, this);
      mark(headLine + before, (fileOffset + len) << 1 | 1);
    }
  }

  /**
   * Appends the complete lines {@code b[from, to)} (the last ends at {@code to - 1}), which start
   * at {@code fileOffset}: one scan for their ends, one copy, except around a line over the cap.
   */
  private void complete(byte[] b, int from, int to, long fileOffset) {
    if (tail + (to - from) > buf.length) {
      makeRoom(to - from);
    }
    int copied = from; // b[copied, start) is still to be copied to buf[tail...)
    int start = from;
    while (start < to) {
      int newline = LineBytes.nextNewline(b, start, to);
      int content = newline - start;
      if (content > 0 && b[newline - 1] == '\r') {
        content--;
      }
      if (content > maxLineBytes) {
        append(b, copied, start - copied);
        int kept = LineBytes.boundaryAtOrBefore(b, start, maxLineBytes);
        append(b, start, kept);
        buf[tail++] = '\n';
        copied = newline + 1;
        cutComplete++;
        cut.addLast(lineNumber + 1);
      }
      if (lineCount == lineEnd.length) {
        lineEnd = Arrays.copyOf(lineEnd, lineCount * 2);
      }
      lineEnd[lineCount++] = tail + (newline + 1 - copied);
      lineNumber++;
      if (positions != null) {
        if (lineCount > ends.length) {
          ends = Arrays.copyOf(ends, Math.max(lineCount, ends.length * 2));
        }
        ends[lineCount - 1] = (fileOffset + newline + 1 - from) << 1;
      }
      start = newline + 1;
    }
    append(b, copied, to - copied);
  }

  private void append(byte[] b, int from, int length) {
    System.arraycopy(b, from, buf, tail, length);
    tail += length;
  }

  /** At end of input ({@code fileOffset}, the end of the file): the unterminated tail is a line. */
  void endOfInput(long fileOffset) {
    boolean inside = insideLine();
    int before = lineCount - headLine;
    splitter.flush(this);
    // Should the file grow after all, the rest of the line just delivered is no line of its own.
    mark(headLine + before, fileOffset << 1 | (inside ? 1 : 0));
  }

  /** Whether reading stands inside a line: an unterminated one held, or an oversize one skipped. */
  boolean insideLine() {
    return splitter.bufferedBytes() > 0 || splitter.skipping();
  }

  /** At end of input: the unterminated tail becomes a line. */
  void endOfInput() {
    endOfInput(0);
  }

  void discardUntilNewline() {
    splitter.discardUntilNewline();
  }

  /**
   * Where reading of a file read up to {@code at} would go on without losing or repeating a line:
   * the start of the unterminated line held, or (inside an oversize line being skipped) {@code at}.
   */
  FilePosition resumeAt(FilePosition at) {
    return splitter.skipping()
        ? at.at(at.offset(), true)
        : at.at(at.offset() - splitter.bufferedBytes(), false);
  }

  /**
   * A batch without lines that only says where reading of a file read up to {@code fileOffset}
   * would go on ({@link #resumeAt}): before an unterminated line held, whose rest may come later.
   */
  LineBatch marker(long fileOffset) {
    return new LineBatch(
        source,
        lineNumber + 1,
        new byte[0],
        0,
        0,
        resumeAt(positions.at(fileOffset, false)),
        NO_CUTS);
  }

  /**
   * Hands full batches to the sink, and with {@code all} the remaining short one too.
   *
   * @return the number of lines handed over
   */
  int deliver(BatchSink sink, boolean all) throws InterruptedException {
    int delivered = 0;
    LineBatch batch;
    while ((batch = next(all)) != null) {
      sink.put(batch);
      delivered += batch.lineCount();
    }
    return delivered;
  }

  /** Removes and returns the next full batch (or, with {@code all}, any batch); else null. */
  LineBatch next(boolean all) {
    int size = lineCount - headLine;
    if (size == 0 || (size < maxBatchLines && !all)) {
      return null;
    }
    int take = Math.min(size, maxBatchLines);
    long first = lineNumber - size + 1;
    int last = headLine + take - 1;
    int to = lineEnd[last];
    byte[] bytes = Arrays.copyOfRange(buf, head, to);
    FilePosition end = null;
    if (positions != null) {
      long code = ends[last];
      end = positions.at(code >>> 1, (code & 1) != 0);
    }
    int[] cuts = NO_CUTS;
    if (!cut.isEmpty() && cut.peekFirst() < first + take) {
      int n = 0;
      for (long c : cut) {
        n += c < first + take ? 1 : 0;
      }
      cuts = new int[n];
      for (int k = 0; k < n; k++) {
        cuts[k] = (int) (cut.pollFirst() - first);
      }
    }
    headLine += take;
    head = to;
    if (headLine == lineCount) {
      head = tail = headLine = lineCount = 0;
    }
    return new LineBatch(source, first, bytes, bytes.length, take, end, cuts);
  }

  boolean hasPending() {
    return lineCount > headLine;
  }

  long oversizeLines() {
    return splitter.oversizeLines() + cutComplete;
  }

  /** Moves the pending lines to the front of the buffer, growing it if that is not room enough. */
  private void makeRoom(int needed) {
    int pending = tail - head;
    if (head > 0) {
      System.arraycopy(buf, head, buf, 0, pending);
      for (int k = headLine; k < lineCount; k++) {
        lineEnd[k - headLine] = lineEnd[k] - head;
      }
      if (positions != null && ends.length > headLine) {
        // Lines of this read not marked yet have no end: only the marked ones move.
        System.arraycopy(ends, headLine, ends, 0, Math.min(ends.length, lineCount) - headLine);
      }
      lineCount -= headLine;
      headLine = 0;
      head = 0;
      tail = pending;
    }
    if (tail + needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, tail + needed));
    }
  }

  private void mark(int from, long code) {
    int to = lineCount;
    if (positions == null || to == from) {
      return;
    }
    if (to > ends.length) {
      ends = Arrays.copyOf(ends, Math.max(to, ends.length * 2));
    }
    Arrays.fill(ends, from, to, code);
  }
}
