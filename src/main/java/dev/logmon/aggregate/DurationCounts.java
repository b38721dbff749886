package dev.logmon.aggregate;

import java.util.Arrays;

/**
 * Request durations of one stretch of log time in {@value #BUCKETS} logarithmic buckets (each 30%
 * wider than the one before, from 100 µs to about 17 s, then the rest), so percentiles over any
 * merge of stretches are estimates within about 15%. Immutable.
 */
public final class DurationCounts {
  /** Buckets per stretch. */
  public static final int BUCKETS = 48;

  private static final long[] UPPER = upperBounds();
  private final long[] counts;

  DurationCounts(long[] counts) {
    if (counts.length != BUCKETS) {
      throw new IllegalArgumentException(BUCKETS + " buckets expected, got " + counts.length);
    }
    this.counts = counts.clone();
  }

  /** Counts as read back from a saved history. */
  public static DurationCounts of(long[] counts) {
    return new DurationCounts(counts);
  }

  private static long[] upperBounds() {
    long[] u = new long[BUCKETS - 1];
    double b = 100;
    for (int i = 0; i < u.length; i++) {
      u[i] = Math.round(b);
      b *= 1.3;
    }
    return u;
  }

  /** The bucket of a duration in microseconds. */
  static int bucket(long micros) {
    int i = Arrays.binarySearch(UPPER, micros);
    return i >= 0 ? i : -i - 1;
  }

  /** The count of bucket {@code i}. */
  public long count(int i) {
    return counts[i];
  }

  /** Every count, oldest bucket first (a copy). */
  public long[] counts() {
    return counts.clone();
  }

  /** Durations counted. */
  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /**
   * The estimated nearest-rank {@code q}-quantile of {@code counts} (summed buckets), in
   * milliseconds: the geometric middle of the bucket holding it; 0 without durations.
   */
  public static double quantileMillis(long[] counts, double q) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    int i = 0;
    for (; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        break;
      }
    }
    double upper = i < UPPER.length ? UPPER[i] : UPPER[UPPER.length - 1] * 1.3;
    double lower = i == 0 ? upper / 2 : UPPER[i - 1];
    return Math.sqrt(lower * upper) / 1000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DurationCounts d && Arrays.equals(counts, d.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "DurationCounts" + Arrays.toString(counts);
  }
}
