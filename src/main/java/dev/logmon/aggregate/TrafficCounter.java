package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import java.time.ZoneOffset;

/**
 * What the pipeline needs of its traffic state: count hits by log time, report window and lifetime
 * figures, and derive immutable snapshots. {@link Aggregator} is the implementation; the interface
 * lets tests run the same pipeline over a plain reference implementation and compare.
 *
 * <p>Implementations are owned by one thread and never read a clock (see docs/ARCHITECTURE.md).
 */
public interface TrafficCounter {
  AggregatorConfig config();

  /** Whether {@link #advanceTo} or {@link #add} has set a current second yet. */
  boolean started();

  /** The current (in-progress) second; meaningless before {@link #started()}. */
  long now();

  /**
   * Starts the clock at {@code second} (follow mode: the wall clock at start), so that the lifetime
   * counts from there even before the first hit.
   */
  void startAt(long second);

  /** Moves the current second forward; a second at or before the current one is ignored. */
  void advanceTo(long second);

  /**
   * Counts one record in second {@code second} (its own, or where the pipeline placed it: see
   * docs/ARCHITECTURE.md, time model). A second ahead of the current one advances it; one older
   * than every window ({@code span} seconds before now or more) counts toward the lifetime and
   * {@link LifetimeTotals#late()} only.
   *
   * @return whether the record landed in the windows (false when late)
   */
  boolean add(LogRecord r, long second);

  /**
   * As {@link #add(LogRecord, long)} for hit {@code i} of a parsed chunk (outcome OK or RECORD).
   */
  default boolean add(ParsedLines lines, int i, long second) {
    if (lines.outcome(i) == ParsedLines.RECORD) {
      return add(lines.record(i), second);
    }
    throw new UnsupportedOperationException("this counter takes records only");
  }

  /**
   * Counts every hit of grouped run {@code r} of {@code runs} (the sums of {@code lines}) in second
   * {@code second}, exactly as {@link #add(ParsedLines, int, long)} on each of its rows in order
   * would.
   */
  default void addRun(ParsedLines lines, RunSums runs, int r, long second) {
    for (int i = runs.from(r), end = runs.to(r); i < end; i++) {
      if (lines.outcome(i) == ParsedLines.OK) {
        add(lines, i, second); // a run also holds the filtered lines of its second
      }
    }
  }

  /**
   * Counts a record stamped too far ahead to be placed in time: toward the lifetime totals and
   * {@link LifetimeTotals#future()} only; it moves no clock and enters no window.
   */
  void addFuture(LogRecord r);

  /** Counts one line that yielded no record. */
  void addMalformed(MalformedReason reason);

  /**
   * The labels of the run's filter rules ({@code FilterSet.labels()}), by the rule numbers {@link
   * #addFiltered} takes; call before counting.
   */
  void filterLabels(java.util.List<String> labels);

  /**
   * Counts one hit that filter rule {@code rule} left out: toward {@link LifetimeTotals#filtered()}
   * only.
   */
  void addFiltered(int rule);

  /** Hits in the {@code seconds} seconds ending with {@code endSecond}, which is in the ring. */
  long hitsBetween(long endSecond, int seconds);

  /** Whether no bucket for a second at or after {@code second} holds a hit; O(1). */
  boolean quietFrom(long second);

  /**
   * The hits that entered the windows (neither late nor future) divided by the seconds from the
   * first second that entered them (or the start second) through {@code endSecond}: lines far in
   * the past or future neither stretch the span nor inflate the count.
   */
  double lifetimeRate(long endSecond);

  /** Lifetime hits, late and future ones included. */
  long hits();

  /**
   * The snapshot of the windows ending with the completed second {@code endSecond}.
   *
   * @param offset the zone offset that presenters use to print times
   */
  TrafficSnapshot snapshot(long endSecond, ZoneOffset offset);

  /** The whole run's history and lifetime tables; empty where a counter keeps none. */
  default HistorySnapshot history() {
    return HistorySnapshot.EMPTY;
  }

  /** The lifetime numbers {@code --persist} saves. */
  default LifetimeState lifetimeState() {
    throw new UnsupportedOperationException("this counter keeps no lifetime state");
  }

  /** Continues from a previous run's lifetime numbers; call before counting anything. */
  default void restore(LifetimeState saved) {
    throw new UnsupportedOperationException("this counter keeps no lifetime state");
  }
}
