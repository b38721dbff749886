package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hits per minute of log time for the last {@value Aggregator#MINUTES} minutes, in a ring, for long
 * charts. Not thread-safe: owned by the aggregator's thread.
 */
final class MinuteHits {
  private final long[] hits = new long[Aggregator.MINUTES];
  private final long[] keys = new long[Aggregator.MINUTES];

  MinuteHits() {
    Arrays.fill(keys, Long.MIN_VALUE);
  }

  /**
   * Counts a hit at {@code second}, unless its minute is already out of the ring at {@code now}.
   */
  void count(long second, long now) {
    count(second, now, 1);
  }

  /** Counts {@code n} hits at {@code second}, as {@link #count(long, long)} would one by one. */
  void count(long second, long now, long n) {
    long minute = Math.floorDiv(second, 60);
    if (minute <= Math.floorDiv(now, 60) - Aggregator.MINUTES) {
      return;
    }
    int i = (int) Math.floorMod(minute, (long) Aggregator.MINUTES);
    if (keys[i] != minute) {
      keys[i] = minute;
      hits[i] = 0;
    }
    hits[i] += n;
  }

  /** The hits of the minutes ending with the one holding {@code endSecond}, oldest first. */
  List<Long> endingAt(long endSecond) {
    long last = Math.floorDiv(endSecond, 60);
    List<Long> out = new ArrayList<>(Aggregator.MINUTES);
    for (long m = last - Aggregator.MINUTES + 1; m <= last; m++) {
      int i = (int) Math.floorMod(m, (long) Aggregator.MINUTES);
      out.add(keys[i] == m ? hits[i] : 0L);
    }
    return out;
  }
}
