package dev.logmon.source;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-capacity queue of {@link LineBatch}es between source threads and the pipeline thread.
 *
 * <p>Back-pressure contract: {@link #put} blocks while the queue is full and never drops a batch,
 * so a slow pipeline slows the readers down and the log files themselves act as the buffer. Memory
 * is bounded by {@code capacity} batches of at most {@code maxBatchLines} capped lines each.
 *
 * <p>Thread-safe: any number of producers may {@code put} while one consumer polls or drains.
 */
public final class BoundedBatchQueue implements BatchSink {
  private final ArrayBlockingQueue<LineBatch> queue;

  /** Creates a queue holding at most {@code capacity} batches. */
  public BoundedBatchQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Appends a batch, blocking while the queue is full. */
  @Override
  public void put(LineBatch batch) throws InterruptedException {
    queue.put(Objects.requireNonNull(batch, "batch"));
  }

  /**
   * Appends a batch, waiting at most {@code timeout} for room; for producers that must notice a
   * shutdown while blocked.
   *
   * @return false if the queue stayed full for the whole timeout (the batch was not added)
   */
  public boolean offer(LineBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
    return queue.offer(Objects.requireNonNull(batch, "batch"), timeout, unit);
  }

  /** Takes the oldest batch, waiting at most {@code timeout}; null if none arrived in time. */
  public LineBatch poll(long timeout, TimeUnit unit) throws InterruptedException {
    return queue.poll(timeout, unit);
  }

  /** Moves every batch available now into {@code out} without waiting; returns how many. */
  public int drainTo(Collection<? super LineBatch> out) {
    return queue.drainTo(out);
  }

  /** The number of batches waiting now. */
  public int size() {
    return queue.size();
  }

  /** The fixed number of batches the queue can hold. */
  public int capacity() {
    return queue.size() + queue.remainingCapacity();
  }
}
