package dev.logmon.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A queue of {@link LineBatch}es between source threads and the pipeline thread, bounded by the
 * bytes it holds (a batch weighs the array it owns, at least one byte).
 *
 * <p>Back-pressure contract: {@link #put} blocks while the batch does not fit and never drops a
 * batch, so a slow pipeline slows the readers down and the log files themselves act as the buffer.
 * Memory is bounded by {@code capacity} bytes, whether they come in few large batches (a busy file)
 * or many small ones (syslog, Kafka).
 *
 * <p>Thread-safe: any number of producers may {@code put} while one consumer polls or drains.
 */
public final class BoundedBatchQueue implements BatchSink {
  private final LinkedBlockingQueue<LineBatch> queue = new LinkedBlockingQueue<>();
  private final Semaphore room; // fair: a large batch is not passed forever by small ones
  private final int capacity;

  /** Creates a queue holding at most {@code capacity} bytes (a larger batch goes alone). */
  public BoundedBatchQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
    this.room = new Semaphore(capacity, true);
  }

  /** Appends a batch, blocking while the queue has no room for it. */
  @Override
  public void put(LineBatch batch) throws InterruptedException {
    room.acquire(weight(batch));
    queue.add(batch);
  }

  /**
   * Appends a batch, waiting at most {@code timeout} for room; for producers that must notice a
   * shutdown while blocked.
   *
   * @return false if the queue had no room for the whole timeout (the batch was not added)
   */
  public boolean offer(LineBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
    if (!room.tryAcquire(weight(batch), timeout, unit)) {
      return false;
    }
    queue.add(batch);
    return true;
  }

  /** Takes the oldest batch, waiting at most {@code timeout}; null if none arrived in time. */
  public LineBatch poll(long timeout, TimeUnit unit) throws InterruptedException {
    LineBatch b = queue.poll(timeout, unit);
    if (b != null) {
      room.release(weight(b));
    }
    return b;
  }

  /** Moves every batch available now into {@code out} without waiting; returns how many. */
  public int drainTo(Collection<? super LineBatch> out) {
    List<LineBatch> taken = new ArrayList<>();
    queue.drainTo(taken);
    for (LineBatch b : taken) {
      room.release(weight(b));
    }
    out.addAll(taken);
    return taken.size();
  }

  /** The number of batches waiting now. */
  public int size() {
    return queue.size();
  }

  /** The fixed number of bytes the queue can hold. */
  public int capacity() {
    return capacity;
  }

  private int weight(LineBatch batch) {
    return Math.max(1, Math.min(Objects.requireNonNull(batch, "batch").bytes().length, capacity));
  }
}
