package dev.logmon.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one file on their way into {@link LineBatch}es of at most {@code maxBatchLines}.
 *
 * <p>Numbers lines from 1 at the point where reading of this file began. Not thread-safe.
 */
final class BatchAssembler {
  private final String source;
  private final int maxBatchLines;
  private final LineSplitter splitter;
  private final ArrayList<String> pending = new ArrayList<>();

  BatchAssembler(String source, int maxLineBytes, int maxBatchLines) {
    this.source = source;
    this.maxBatchLines = maxBatchLines;
    this.splitter = new LineSplitter(maxLineBytes);
  }

  void feed(byte[] buf, int off, int len) {
    splitter.feed(buf, off, len, pending);
  }

  /** At end of input: the unterminated tail becomes a line. */
  void endOfInput() {
    splitter.flush().ifPresent(pending::add);
  }

  void discardUntilNewline() {
    splitter.discardUntilNewline();
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
    LineBatch batch = new LineBatch(source, first, head);
    head.clear();
    return batch;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  long oversizeLines() {
    return splitter.oversizeLines();
  }
}
