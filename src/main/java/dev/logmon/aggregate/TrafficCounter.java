package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowRuns;
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
   * Counts one record. A record ahead of the current second advances it; one that is older than
   * every window ({@code span} seconds before now or more) counts toward the lifetime and {@link
   * LifetimeTotals#late()} only.
   *
   * @return whether the record landed in the windows (false when late)
   */
  boolean add(LogRecord r);

  /** As {@link #add(LogRecord)} for hit {@code i} of a parsed chunk (outcome OK or FALLBACK). */
  default boolean add(ParsedLines lines, int i) {
    if (lines.outcome(i) == ParsedLines.FALLBACK) {
      return add(lines.record(i));
    }
    throw new UnsupportedOperationException("this counter takes records only");
  }

  /**
   * Counts every hit of grouped run {@code r} of {@code lines.runs()}, exactly as {@link
   * #add(ParsedLines, int)} on each of its rows in order would.
   */
  default void addRun(ParsedLines lines, int r) {
    RowRuns runs = lines.runs();
    for (int i = runs.from(r), end = runs.to(r); i < end; i++) {
      add(lines, i);
    }
  }

  /** Counts one line that yielded no record. */
  void addMalformed(MalformedReason reason);

  /** Hits in the {@code seconds} seconds ending with {@code endSecond}, which is in the ring. */
  long hitsBetween(long endSecond, int seconds);

  /** Whether no bucket for a second at or after {@code second} holds a hit. */
  boolean quietFrom(long second);

  /** Lifetime hits divided by the seconds from the first hit through {@code endSecond}. */
  double lifetimeRate(long endSecond);

  /** Lifetime hits, late ones included. */
  long hits();

  /**
   * The snapshot of the windows ending with the completed second {@code endSecond}.
   *
   * @param offset the zone offset that presenters use to print times
   */
  TrafficSnapshot snapshot(long endSecond, ZoneOffset offset);
}
