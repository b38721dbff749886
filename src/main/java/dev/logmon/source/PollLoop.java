package dev.logmon.source;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The watcher thread's loop around a stepped source: poll, and sleep only after a poll that read
 * nothing, so a busy file is drained back to back and an idle one costs a stat per interval.
 *
 * <p>The sleep after an empty poll backs off: it starts at {@link #ACTIVE_MILLIS} when the file was
 * just written and doubles with each empty poll up to the poll interval. A file written in bursts
 * (most servers flush every few milliseconds) is then read within a few milliseconds of each burst
 * rather than up to a whole interval later, which keeps append-to-snapshot latency low and shrinks
 * what a copytruncate can lose, while a file that has gone quiet is back to one stat per interval
 * within a second.
 */
final class PollLoop {
  /** The first sleep after a poll that read something, in milliseconds. */
  static final long ACTIVE_MILLIS = 5;

  /** One step of a polled source. */
  interface Step {
    /**
     * Reads what is new into {@code sink}; returns the number of bytes read, negated if that was
     * all there was (it read up to the size its stat found): then no poll back to back finds
     * nothing.
     */
    long poll(BatchSink sink) throws InterruptedException;
  }

  /** Waits between polls; {@code Thread::sleep} but for tests. */
  interface Sleeper {
    /** Sleeps {@code millis} milliseconds. */
    void sleep(long millis) throws InterruptedException;
  }

  private PollLoop() {}

  /**
   * Polls until {@code stop} says so, sleeping through {@code sleeper}, then runs {@code close}
   * (also on interrupt or error).
   */
  static void run(
      Step step,
      BatchSink sink,
      Duration pollInterval,
      BooleanSupplier stop,
      Runnable close,
      Sleeper sleeper)
      throws InterruptedException {
    long max = Math.max(1, pollInterval.toMillis());
    // A watcher starts as after a write: the file it was pointed at is most likely being written,
    // and its first lines are then read within milliseconds; a quiet one is back to one stat per
    // interval within a second.
    long sleep = firstSleep(max);
    try {
      while (!stop.getAsBoolean()) {
        long read = step.poll(sink);
        if (read != 0) {
          sleep = firstSleep(max);
        }
        if (read <= 0) {
          sleeper.sleep(sleep);
          sleep = nextSleep(sleep, max);
        }
      }
    } finally {
      close.run();
    }
  }

  /** The sleep after the first empty poll that follows a poll that read something. */
  static long firstSleep(long max) {
    return Math.min(ACTIVE_MILLIS, max);
  }

  /** The sleep after another empty poll: the previous one doubled, capped at {@code max}. */
  static long nextSleep(long previous, long max) {
    return Math.min(max, previous * 2);
  }
}
