package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import java.util.List;
import java.util.Map;

/**
 * Everything counted since logmon started, late lines included.
 *
 * @param hits lines that yielded a record (late ones included)
 * @param rate the hits that entered the windows (neither late nor future) divided by the seconds
 *     from {@code firstSecond} through now
 * @param malformed lines that yielded no record, by reason
 * @param late hits whose timestamp was already outside every window when they arrived
 * @param future hits stamped too far ahead to be placed in time (beyond {@code --max-future} of the
 *     wall clock, or an isolated outlier in a replay), counted here and nowhere else
 * @param firstSecond the first second that entered the windows (or the start second), or {@link
 *     Long#MIN_VALUE} before either
 * @param topSections top sections over the lifetime; bounded, see {@link Aggregator}
 * @param requests hits by section, status class, method and vhost, and durations by section, for
 *     metrics: bounded label sets, each counting every hit of its values; they add up to {@code
 *     hits} and never decrease from one snapshot to the next
 * @param filtered lines that filters left out, by rule label, every rule in the order of the rules
 *     (docs/FILTERS.md); {@code hits + malformedTotal() + filteredTotal()} is every line parsed
 */
public record LifetimeTotals(
    long hits,
    double rate,
    long bytes,
    StatusClasses statusClasses,
    Map<MalformedReason, Long> malformed,
    long late,
    long future,
    long malformedRequests,
    long firstSecond,
    List<SectionStat> topSections,
    List<HostStat> topHosts,
    List<Count> methods,
    RequestCounts requests,
    List<Count> filtered) {

  public LifetimeTotals {
    java.util.Objects.requireNonNull(requests, "requests");
    filtered = List.copyOf(filtered);
    malformed = Map.copyOf(malformed);
    topSections = List.copyOf(topSections);
    topHosts = List.copyOf(topHosts);
    methods = List.copyOf(methods);
  }

  /** Lines that filters left out, all rules together. */
  public long filteredTotal() {
    long t = 0;
    for (Count c : filtered) {
      t += c.count();
    }
    return t;
  }

  /** Lines that yielded no record, all reasons together. */
  public long malformedTotal() {
    long t = 0;
    for (long v : malformed.values()) {
      t += v;
    }
    return t;
  }
}
