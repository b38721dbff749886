package dev.logmon.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of one file on their way into {@link LineBatch}es of at most {@code maxBatchLines}.
 *
 * <p>Numbers lines from 1 at the point where reading of this file began. With {@link Positions},
 * each batch also carries the file position just after its last line; that costs a second scan for
 * newlines, so untracked sources (stdin, replay, follow without a state file) skip it. Not
 * thread-safe.
 */
final class BatchAssembler {
  /** Turns a byte offset in the file into a {@link FilePosition} of the file read now. */
  interface Positions {
    FilePosition at(long offset, boolean midLine);
  }

  private final String source;
  private final int maxBatchLines;
  private final LineSplitter splitter;
  private final Positions positions;
  private final ArrayList<String> pending = new ArrayList<>();
  // With positions: where each pending line ends, as offset << 1 | 1 if inside a skipped line.
  private long[] ends = new long[0];
  // The numbers of pending lines cut to the cap (rare), oldest first.
  private final java.util.ArrayDeque<Long> cut = new java.util.ArrayDeque<>();

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines) {
    this(source, maxLineBytes, maxBatchLines, null);
  }

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines, Positions positions) {
    this.source = source;
    this.maxBatchLines = maxBatchLines;
    this.splitter = new LineSplitter(maxLineBytes);
    this.positions = positions;
    splitter.onCut(cut::addLast);
  }

  void feed(byte[] buf, int off, int len) {
    splitter.feed(buf, off, len, pending);
  }

  /** Feeds bytes that start at {@code fileOffset} in the file, noting where each line ends. */
  void feed(byte[] buf, int off, int len, long fileOffset) {
    if (positions == null) {
      feed(buf, off, len);
      return;
    }
    int end = off + len;
    int i = off;
    while (i < end) {
      // One line at a time, so each line's end offset is known.
      int stop = end;
      for (int j = i; j < end; j++) {
        if (buf[j] == '\n') {
          stop = j + 1;
          break;
        }
      }
      int before = pending.size();
      splitter.feed(buf, i, stop - i, pending);
      // A line completed without a newline here is an oversize line cut short: skip its rest.
      mark(before, (fileOffset + stop - off) << 1 | (splitter.skipping() ? 1 : 0));
      i = stop;
    }
  }

  /** At end of input ({@code fileOffset}, the end of the file): the unterminated tail is a line. */
  void endOfInput(long fileOffset) {
    boolean inside = insideLine();
    int before = pending.size();
    splitter.flush().ifPresent(pending::add);
    // Should the file grow after all, the rest of the line just delivered is no line of its own.
    mark(before, fileOffset << 1 | (inside ? 1 : 0));
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

  /** A batch without lines that only says where reading stands: at {@code fileOffset}. */
  LineBatch marker(long fileOffset) {
    return new LineBatch(
        source, splitter.lines() + 1, List.of(), positions.at(fileOffset, splitter.skipping()));
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
      delivered += batch.lines().size();
    }
    return delivered;
  }

  /** Removes and returns the next full batch (or, with {@code all}, any batch); else null. */
  LineBatch next(boolean all) {
    int size = pending.size();
    if (size == 0 || (size < maxBatchLines && !all)) {
      return null;
    }
    int take = Math.min(size, maxBatchLines);
    long first = splitter.lines() - size + 1;
    List<String> head = pending.subList(0, take);
    FilePosition end = null;
    if (positions != null) {
      long code = ends[take - 1];
      end = positions.at(code >>> 1, (code & 1) != 0);
      System.arraycopy(ends, take, ends, 0, size - take);
    }
    List<Integer> oversize = List.of();
    if (!cut.isEmpty() && cut.peekFirst() < first + take) {
      oversize = new ArrayList<>();
      while (!cut.isEmpty() && cut.peekFirst() < first + take) {
        oversize.add((int) (cut.pollFirst() - first));
      }
    }
    LineBatch batch = new LineBatch(source, first, head, end, oversize);
    head.clear();
    return batch;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  long oversizeLines() {
    return splitter.oversizeLines();
  }

  private void mark(int from, long code) {
    int to = pending.size();
    if (positions == null || to == from) {
      return;
    }
    if (to > ends.length) {
      ends = Arrays.copyOf(ends, Math.max(to, ends.length * 2));
    }
    Arrays.fill(ends, from, to, code);
  }
}
