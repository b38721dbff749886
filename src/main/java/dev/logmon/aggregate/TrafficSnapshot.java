package dev.logmon.aggregate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An immutable picture of the traffic at one instant, published by the aggregator's thread for
 * presenters to read.
 *
 * @param time the end of the last completed second
 * @param offset the zone offset of the newest log line, used to print times as the log does
 * @param frame the last 10 seconds (the original design's "frame")
 * @param window the alert window, 2 minutes by default (the "scene")
 * @param report the report interval, 10 seconds by default
 * @param lifetime totals since start (the "lifetime")
 * @param hitsPerMinute hits of each of the last {@value Aggregator#MINUTES} minutes of log time,
 *     oldest first; the last is the minute holding {@code time - 1s}, possibly incomplete
 */
public record TrafficSnapshot(
    Instant time,
    ZoneOffset offset,
    WindowStats frame,
    WindowStats window,
    WindowStats report,
    LifetimeTotals lifetime,
    List<Long> hitsPerMinute) {
  public TrafficSnapshot {
    hitsPerMinute = List.copyOf(hitsPerMinute);
  }
}
