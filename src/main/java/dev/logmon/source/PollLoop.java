package dev.logmon.source;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

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
 *
 * <p>While the source is busy (a poll finds data within {@link #BUSY_MILLIS} of the last one that
 * did), the sleeper's change events are turned off and every sleep is {@link #ACTIVE_MILLIS}: the
 * polls pace themselves, and a write no longer costs a change event (the JDK's watch thread wakes,
 * reads it and wakes this one) on top of the poll that reads it. Once nothing has been found for
 * {@link #QUIET_MILLIS}, events are turned on again and the source polled once more at once, since
 * a write between the last poll and the events' return has no event of its own.
 */
final class PollLoop {
  /** The first sleep after a poll that read something, in milliseconds. */
  static final long ACTIVE_MILLIS = 5;

  /** Data found again within this many milliseconds makes a source busy: events off. */
  static final long BUSY_MILLIS = 20;

  /**
   * A busy source that found nothing for this many milliseconds is quiet again: events on. Longer
   * than {@link #BUSY_MILLIS}, so a source written at about that pace does not switch every write.
   */
  static final long QUIET_MILLIS = 50;

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

    /**
     * Turns off ({@code false}) or back on the change events that end a sleep early, if it has any.
     */
    default void events(boolean on) {}
  }

  private PollLoop() {}

  /**
   * Polls until {@code stop} says so, sleeping through {@code sleeper}, then runs {@code close}
   * (also on interrupt or error); {@code nanoTime} is the clock the busy and quiet spells are
   * measured by ({@code System::nanoTime} but for tests).
   */
  static void run(
      Step step,
      BatchSink sink,
      Duration pollInterval,
      BooleanSupplier stop,
      Runnable close,
      Sleeper sleeper,
      LongSupplier nanoTime)
      throws InterruptedException {
    long max = Math.max(1, pollInterval.toMillis());
    // A watcher starts as after a write: the file it was pointed at is most likely being written,
    // and its first lines are then read within milliseconds; a quiet one is back to one stat per
    // interval within a second.
    long sleep = firstSleep(max);
    boolean busy = false;
    boolean found = false;
    long lastFound = 0;
    try {
      while (!stop.getAsBoolean()) {
        long read = step.poll(sink);
        long now = nanoTime.getAsLong();
        if (read != 0) {
          if (!busy && found && now - lastFound <= TimeUnit.MILLISECONDS.toNanos(BUSY_MILLIS)) {
            sleeper.events(false);
            busy = true;
          }
          found = true;
          lastFound = now;
          sleep = firstSleep(max);
        }
        if (read > 0) {
          continue; // there may be more: poll again at once
        }
        if (!busy) {
          sleeper.sleep(sleep);
          sleep = nextSleep(sleep, max);
        } else if (now - lastFound < TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
          sleeper.sleep(firstSleep(max));
        } else {
          sleeper.events(true);
          busy = false; // and poll at once: a write just before the events' return has none
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
