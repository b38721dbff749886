package dev.logmon.source;

import java.util.Arrays;

/**
 * The lines of one source on their way into {@link LineBatch}es, read straight into the array the
 * next batch will own.
 *
 * <p>A reader asks for {@link #room}, reads into the array at {@link #fill()} and reports {@link
 * #filled}; the bytes up to the last newline become pending complete lines (counted eight bytes a
 * step, with no work per line) and the unterminated tail is carried to the front of the next array.
 * A line over the cap is cut to it at a character boundary and marked; a tail longer than the cap
 * is cut at once and the rest of its line skipped, so no line takes more than the cap. Lines are
 * numbered from 1 where reading began; with {@link Positions}, a batch carries the file position
 * just after its last line. Not thread-safe.
 */
final class BatchAssembler {
  /** Turns a byte offset in the file into a {@link FilePosition} of the file read now. */
  interface Positions {
    FilePosition at(long offset, boolean midLine);
  }

  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private final String source;
  private final int maxLineBytes;
  private final int maxBatchLines;
  private final Positions positions;
  // buf[0, done): pending complete lines, each ended by \n; buf[done, fill): the unterminated tail.
  private byte[] buf = new byte[16 * 1024];
  private int done;
  private int fill;
  private int lines;
  private int[] cuts = new int[4];
  private int cutCount;
  private long lineNumber; // lines completed so far: the number of the last one
  private long oversize;
  private boolean skipping; // inside a line over the cap, up to its newline
  private boolean skipNuls;
  private long endOffset; // where the last pending line ends in the file
  private boolean endMid;

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines) {
    this(source, maxLineBytes, maxBatchLines, null);
  }

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines, Positions positions) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.source = source;
    this.maxLineBytes = maxLineBytes;
    this.maxBatchLines = maxBatchLines;
    this.positions = positions;
  }

  /** The array to read into at {@link #fill()}, with at least {@code n} bytes free there. */
  byte[] room(int n) {
    if (buf.length - fill < n) {
      byte[] bigger = new byte[fill + n];
      System.arraycopy(buf, 0, bigger, 0, fill);
      buf = bigger;
    }
    return buf;
  }

  /** Where in {@link #room}'s array the next bytes go. */
  int fill() {
    return fill;
  }

  /** Copies {@code b[off, off + len)} in, as {@link #filled}. */
  void feed(byte[] b, int off, int len, long fileOffset) {
    if (buf.length - fill < len) {
      buf = Arrays.copyOf(buf, Math.max(fill + len, buf.length * 2)); // many small messages
    }
    System.arraycopy(b, off, buf, fill, len);
    filled(len, fileOffset + len);
  }

  /** Copies {@code b[off, off + len)} in, for sources without positions. */
  void feed(byte[] b, int off, int len) {
    feed(b, off, len, 0);
  }

  /**
   * {@code n} bytes were put at {@link #fill()}; {@code fileOffset} is the offset just after them.
   */
  void filled(int n, long fileOffset) {
    int end = fill + n;
    if (skipNuls) {
      // After a copytruncate by a writer not in append mode, a hole of NULs precedes new lines.
      int i = fill;
      while (i < end && buf[i] == 0) {
        i++;
      }
      skipNuls = i == end;
      end = dropTo(i, end);
    }
    if (skipping) {
      int newline = LineBytes.nextNewline(buf, fill, end);
      skipping = newline < 0;
      end = dropTo(skipping ? end : newline + 1, end);
    }
    int last = LineBytes.lastNewline(buf, fill, end);
    if (last >= 0) {
      endOffset = fileOffset - (end - last - 1);
      endMid = false;
      int to = last + 1;
      int count = countLines(done, to);
      if (count >= 0) {
        lines += count;
        lineNumber += count;
        done = to;
      } else {
        cutLines(to);
        System.arraycopy(buf, to, buf, done, end - to);
        end -= to - done;
      }
    }
    fill = end;
    if (fill - done > maxLineBytes + 1) {
      // Over the cap whatever its next byte: cut now, skip the rest up to its newline.
      endLine(fill, true);
      fill = done;
      endOffset = fileOffset;
      endMid = true;
      skipping = true;
    }
  }

  /** At end of input ({@code fileOffset}, the end of the file): the unterminated tail is a line. */
  void endOfInput(long fileOffset) {
    skipping = false;
    if (fill > done) {
      room(1);
      endLine(fill, false);
      fill = done;
      endOffset = fileOffset;
      endMid = true; // should the file grow after all, the rest of this line is no line of its own
    }
  }

  /** At end of input: the unterminated tail becomes a line. */
  void endOfInput() {
    endOfInput(0);
  }

  /** Whether reading stands inside a line: an unterminated one held, or an oversize one skipped. */
  boolean insideLine() {
    return fill > done || skipping;
  }

  /** Drops input up to and including the next newline, for starting in the middle of a line. */
  void discardUntilNewline() {
    fill = done;
    skipping = true;
  }

  /** Drops leading NUL bytes of what is read next, up to the first other byte. */
  void skipLeadingNuls() {
    skipNuls = true;
  }

  /**
   * Where reading of a file read up to {@code at} would go on without losing or repeating a line:
   * the start of the unterminated line held, or (inside an oversize line being skipped) {@code at}.
   */
  FilePosition resumeAt(FilePosition at) {
    return skipping ? at.at(at.offset(), true) : at.at(at.offset() - (fill - done), false);
  }

  /**
   * A batch without lines that only says where reading of a file read up to {@code fileOffset}
   * would go on ({@link #resumeAt}): before an unterminated line held, whose rest may come later.
   */
  LineBatch marker(long fileOffset) {
    FilePosition at = resumeAt(positions.at(fileOffset, false));
    return new LineBatch(source, lineNumber + 1, new byte[0], 0, 0, at, new int[0]);
  }

  /**
   * Hands the pending lines to the sink, if {@code all} or they make a full batch.
   *
   * @return the number of lines handed over
   */
  int deliver(BatchSink sink, boolean all) throws InterruptedException {
    LineBatch batch = next(all);
    if (batch == null) {
      return 0;
    }
    sink.put(batch);
    return batch.lineCount();
  }

  /**
   * Removes and returns the pending lines as one batch if there are {@code maxBatchLines} (or, with
   * {@code all}, any); else null.
   */
  LineBatch next(boolean all) {
    if (lines == 0 || (lines < maxBatchLines && !all)) {
      return null;
    }
    byte[] old = buf;
    byte[] bytes = old;
    int carry = fill - done;
    if (done < old.length / 8) {
      // Few lines: an array of their own size, cheaper than a new one to read into.
      bytes = Arrays.copyOf(old, done);
    } else {
      buf = new byte[carry]; // the next read sizes it to what it reads
    }
    System.arraycopy(old, done, buf, 0, carry);
    FilePosition end = positions == null ? null : positions.at(endOffset, endMid);
    LineBatch batch =
        new LineBatch(
            source, lineNumber - lines + 1, bytes, done, lines, end, Arrays.copyOf(cuts, cutCount));
    done = lines = cutCount = 0;
    fill = carry;
    return batch;
  }

  boolean hasPending() {
    return lines > 0;
  }

  long oversizeLines() {
    return oversize;
  }

  /**
   * The number of newlines in {@code buf[from, to)}, or -1 if a line there may be over the cap. A
   * line over the cap spans a whole aligned block of a third of it with no newline, so only such a
   * block sends the lines through {@link #cutLines}.
   */
  private int countLines(int from, int to) {
    int block = (maxLineBytes / 3) & ~63;
    if (block == 0) {
      return -1;
    }
    int count = 0;
    int i = from;
    for (int blockEnd = from + block; blockEnd <= to; blockEnd += block) {
      int inBlock = 0;
      for (; i < blockEnd; i += 64) {
        inBlock += newlines64(buf, i);
      }
      if (inBlock == 0) {
        return -1;
      }
      count += inBlock;
    }
    for (; i + 64 <= to; i += 64) {
      count += newlines64(buf, i);
    }
    for (; i < to; i++) {
      count += buf[i] == '\n' ? 1 : 0;
    }
    return count;
  }

  /**
   * The number of {@code \n} in {@code b[i, i + 64)}, eight bytes a step, exact (no carry between
   * bytes). A call per 64 bytes, not a loop over the read, so the JIT compiles it within the first
   * read instead of waiting for on-stack replacement of a loop run once per read.
   */
  private static int newlines64(byte[] b, int i) {
    return newlines((long) LineBytes.LONGS.get(b, i))
        + newlines((long) LineBytes.LONGS.get(b, i + 8))
        + newlines((long) LineBytes.LONGS.get(b, i + 16))
        + newlines((long) LineBytes.LONGS.get(b, i + 24))
        + newlines((long) LineBytes.LONGS.get(b, i + 32))
        + newlines((long) LineBytes.LONGS.get(b, i + 40))
        + newlines((long) LineBytes.LONGS.get(b, i + 48))
        + newlines((long) LineBytes.LONGS.get(b, i + 56));
  }

  private static int newlines(long w) {
    long x = w ^ NEWLINES;
    return Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
  }

  /** Takes the complete lines {@code buf[done, to)} one by one, cutting those over the cap. */
  private void cutLines(int to) {
    for (int start = done; start < to; ) {
      int newline = LineBytes.nextNewline(buf, start, to);
      System.arraycopy(buf, start, buf, done, newline - start);
      endLine(done + newline - start, false);
      start = newline + 1;
    }
  }

  /** Ends the line from {@code done} at {@code end}, where its newline is written; cut if over. */
  private void endLine(int end, boolean over) {
    int content = end > done && buf[end - 1] == '\r' ? end - done - 1 : end - done;
    if (over || content > maxLineBytes) {
      end = done + LineBytes.boundaryAtOrBefore(buf, done, maxLineBytes);
      if (cutCount == cuts.length) {
        cuts = Arrays.copyOf(cuts, cutCount * 2);
      }
      cuts[cutCount++] = lines;
      oversize++;
    }
    buf[end] = '\n';
    lines++;
    lineNumber++;
    done = end + 1;
  }

  /** Drops {@code buf[fill, to)}, moving the bytes up to {@code end} down; returns the new end. */
  private int dropTo(int to, int end) {
    System.arraycopy(buf, to, buf, fill, end - to);
    return end - (to - fill);
  }
}
