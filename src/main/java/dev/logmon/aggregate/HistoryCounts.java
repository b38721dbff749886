package dev.logmon.aggregate;

import java.util.List;

/**
 * The traffic of the whole run over log time, as counted by the aggregator's history: buckets of a
 * minute for the newest minutes, of an hour and of a day for older ones, each level oldest first
 * and covering times before the next finer level's.
 *
 * @param earlier the hits older than every day kept, or null when there are none
 * @param statuses lifetime hits by status code, ascending by code (then {@code (other)})
 * @param minuteFloor buckets before this second are folded into hours (with the two below, how the
 *     history folds; kept so a restored history goes on folding as the original would)
 */
public record HistoryCounts(
    List<Bucket> minutes,
    List<Bucket> hours,
    List<Bucket> days,
    Bucket earlier,
    List<Count> statuses,
    long minuteFloor,
    long hourFloor,
    long dayFloor) {

  /** A history with nothing counted. */
  public static final HistoryCounts EMPTY =
      new HistoryCounts(
          List.of(),
          List.of(),
          List.of(),
          null,
          List.of(),
          Long.MIN_VALUE,
          Long.MIN_VALUE,
          Long.MIN_VALUE);

  public HistoryCounts {
    minutes = List.copyOf(minutes);
    hours = List.copyOf(hours);
    days = List.copyOf(days);
    statuses = List.copyOf(statuses);
  }

  /**
   * The hits of {@code seconds} of log time from {@code start} (epoch second).
   *
   * @param clientErrors hits answered 4xx
   * @param serverErrors hits answered 5xx
   * @param durations the request durations of its hits, or null when none had one
   */
  public record Bucket(
      long start,
      int seconds,
      long hits,
      long clientErrors,
      long serverErrors,
      long bytes,
      DurationCounts durations) {}

  /** Every bucket, coarsest first: days, hours, minutes (the earlier sum left out). */
  public List<Bucket> all() {
    List<Bucket> out = new java.util.ArrayList<>(days.size() + hours.size() + minutes.size());
    out.addAll(days);
    out.addAll(hours);
    out.addAll(minutes);
    return out;
  }
}
