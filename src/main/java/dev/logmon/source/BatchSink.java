package dev.logmon.source;

/**
 * Where a source hands its {@link LineBatch}es; implementations may block to slow the source down.
 *
 * <p>Sources call {@link #put} from their own thread and never drop a batch: when the sink is full
 * the call blocks, so a tailed file (not memory) absorbs the backlog.
 */
@FunctionalInterface
public interface BatchSink {
  /**
   * Hands over one batch, blocking while the sink cannot take it.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  void put(LineBatch batch) throws InterruptedException;
}
