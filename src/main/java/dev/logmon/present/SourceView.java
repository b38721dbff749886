package dev.logmon.present;

import java.util.Map;

/**
 * What a presenter shows of one watched source.
 *
 * @param state a short word: following, waiting, rotated, error, done, revoked
 * @param detail the last error or note, or null
 * @param future hits from this source stamped too far ahead to be placed in time (see {@code
 *     LifetimeTotals.future})
 * @param dropped messages lost before logmon could read them (a full syslog UDP buffer)
 * @param lag records of a Kafka partition not yet counted, or {@link #NO_LAG}
 * @param rejected inputs that carried no line (bad syslog frames, Kafka records without a line), by
 *     reason key, sorted
 */
public record SourceView(
    String name,
    String state,
    long lines,
    long bytes,
    long rotations,
    long truncations,
    long oversizeLines,
    long readErrors,
    String detail,
    long future,
    long dropped,
    long lag,
    Map<String, Long> rejected) {

  /** The {@link #lag()} of a source that has none. */
  public static final long NO_LAG = -1;

  public SourceView {
    rejected = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(rejected));
  }

  /** A file's view (nothing dropped, no lag, nothing rejected) with no future lines. */
  public SourceView(
      String name,
      String state,
      long lines,
      long bytes,
      long rotations,
      long truncations,
      long oversizeLines,
      long readErrors,
      String detail) {
    this(
        name,
        state,
        lines,
        bytes,
        rotations,
        truncations,
        oversizeLines,
        readErrors,
        detail,
        0,
        0,
        NO_LAG,
        Map.of());
  }

  /** This source with {@code n} future lines. */
  public SourceView withFuture(long n) {
    return new SourceView(
        name,
        state,
        lines,
        bytes,
        rotations,
        truncations,
        oversizeLines,
        readErrors,
        detail,
        n,
        dropped,
        lag,
        rejected);
  }

  /** Rejected inputs of every reason together. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
