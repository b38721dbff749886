package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import java.util.List;
import java.util.Map;

/**
 * Everything counted since logmon started, late lines included.
 *
 * @param hits lines that yielded a record (late ones included)
 * @param rate hits divided by the seconds from the first second seen to now
 * @param malformed lines that yielded no record, by reason
 * @param late hits whose timestamp was already outside every window when they arrived
 * @param firstSecond the earliest second seen, or {@link Long#MIN_VALUE} before the first hit
 * @param topSections top sections over the lifetime; bounded, see {@link Aggregator}
 * @param sectionCounters hits by section for monotonic metrics: at most {@link
 *     Aggregator#COUNTER_SECTIONS} sections, each counted from when it first entered the lifetime
 *     top table and never dropped, then {@link Aggregator#OTHER} with every other hit; the values
 *     add up to {@code hits} and never decrease from one snapshot to the next
 */
public record LifetimeTotals(
    long hits,
    double rate,
    long bytes,
    StatusClasses statusClasses,
    Map<MalformedReason, Long> malformed,
    long late,
    long malformedRequests,
    long firstSecond,
    List<SectionStat> topSections,
    List<HostStat> topHosts,
    List<Count> methods,
    // Added for the web/metrics presenter; see the param doc.
    List<Count> sectionCounters) {

  public LifetimeTotals {
    sectionCounters = List.copyOf(sectionCounters);
    malformed = Map.copyOf(malformed);
    topSections = List.copyOf(topSections);
    topHosts = List.copyOf(topHosts);
    methods = List.copyOf(methods);
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
