package dev.logmon.source;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The watcher thread's loop around a stepped source: poll, and sleep only after a poll that read
 * nothing, so a busy file is drained back to back and an idle one costs a stat per interval.
 */
final class PollLoop {
  /** One step of a polled source. */
  interface Step {
    /** Reads what is new into {@code sink}; returns the number of bytes read. */
    long poll(BatchSink sink) throws InterruptedException;
  }

  private PollLoop() {}

  /** Polls until {@code stop} says so, then runs {@code close} (also on interrupt or error). */
  static void run(
      Step step, BatchSink sink, Duration pollInterval, BooleanSupplier stop, Runnable close)
      throws InterruptedException {
    try {
      while (!stop.getAsBoolean()) {
        if (step.poll(sink) == 0) {
          Thread.sleep(pollInterval.toMillis());
        }
      }
    } finally {
      close.run();
    }
  }
}
