package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregator's whole-run numbers: totals of every hit since start, the span the lifetime rate
 * divides by, the {@link History}, filtered lines and hits by virtual host, published with the
 * {@link LifetimeCounts} tables and saved and restored for {@code --persist}.
 *
 * <p>Not thread-safe: owned by the aggregator's thread. The tables by key are counted by the
 * aggregator itself (their keys are looked up there); this class reads them to publish and save.
 */
final class Lifetime {
  private final LifetimeCounts tables;
  private final KeyTables keys;
  private final RequestCounters requests;
  private final History history = new History();

  private long hits;
  private long bytes;
  private long late;
  private long future;
  private long malformedRequests;
  private final long[] statusClasses = new long[6];
  // The rate's span starts at the first second that entered the windows (or the start second), so
  // one line stamped years ago cannot stretch it; see rate.
  private long firstSecond = Long.MIN_VALUE;
  // Seconds counted by earlier runs (--persist): the rate divides by them plus this run's own, so
  // the time logmon was down does not dilute it.
  private long earlierSeconds;
  // Hits by virtual host of earlier runs (--persist), added to this run's in the history.
  private final Map<String, Long> earlierVhosts = new HashMap<>();
  private FilteredCounts filtered = new FilteredCounts(List.of());

  Lifetime(LifetimeCounts tables, KeyTables keys, RequestCounters requests) {
    this.tables = tables;
    this.keys = keys;
    this.requests = requests;
  }

  /** Notes a second that entered the windows, or the run's start: it may start the rate's span. */
  void spanFrom(long second) {
    if (firstSecond == Long.MIN_VALUE || second < firstSecond) {
      firstSecond = second;
    }
  }

  /**
   * Counts one hit of second {@code s} in status class {@code cls}; {@code duration} in
   * microseconds or negative.
   */
  void count(long s, int status, int cls, long size, boolean badRequest, long duration) {
    total(cls, size, badRequest);
    history.count(s, 1, cls == 4 ? 1 : 0, cls == 5 ? 1 : 0, size);
    history.status(status, 1);
    if (duration >= 0) {
      history.duration(s, duration);
    }
  }

  /** Counts one hit stamped too far ahead to be placed in time: it has no second in the history. */
  void countFuture(int status, int cls, long size, boolean badRequest) {
    total(cls, size, badRequest);
    future++;
    history.status(status, 1);
  }

  private void total(int cls, long size, boolean badRequest) {
    hits++;
    bytes += size;
    statusClasses[cls]++;
    if (badRequest) {
      malformedRequests++;
    }
  }

  /**
   * Counts the totals and history of grouped run {@code r} of {@code runs} (the sums of chunk
   * {@code l}) in second {@code s}; its status codes come one by one through {@link #status}.
   */
  void countRun(ParsedLines l, RunSums runs, int r, long s) {
    int n = runs.hitRows(r);
    long size = runs.bytes(r);
    hits += n;
    bytes += size;
    for (int c = 0; c < statusClasses.length; c++) {
      statusClasses[c] += runs.statusClass(r, c);
    }
    malformedRequests += runs.badRequests(r);
    history.count(s, n, runs.statusClass(r, 4), runs.statusClass(r, 5), size);
    if (runs.latency(r)) {
      int from = runs.from(r);
      for (int i = from; i < from + n; i++) {
        long d = l.durationMicros(i);
        if (d >= 0) {
          history.duration(s, d);
        }
      }
    }
  }

  /** Counts {@code n} hits of status code {@code code} in the history's table by status. */
  void status(int code, long n) {
    history.status(code, n);
  }

  /** Notes that {@code n} of the hits counted were older than every window. */
  void late(long n) {
    late += n;
  }

  void malformed(MalformedReason reason) {
    tables.malformed.merge(reason, 1L, Long::sum);
  }

  /** The labels of the run's filter rules; call before counting. */
  void filterLabels(List<String> labels) {
    filtered = new FilteredCounts(labels);
  }

  void filtered(int rule) {
    filtered.add(rule);
  }

  /** See {@link TrafficCounter#lifetimeRate}. */
  double rate(long endSecond) {
    if (firstSecond == Long.MIN_VALUE && earlierSeconds == 0) {
      return 0;
    }
    long seconds = firstSecond == Long.MIN_VALUE ? 0 : endSecond - firstSecond + 1;
    return (double) (hits - late - future) / Math.max(1, earlierSeconds + seconds);
  }

  long hits() {
    return hits;
  }

  /**
   * The totals and tables of the snapshot ending with {@code endSecond}, {@code topN} rows each.
   */
  LifetimeTotals totals(long endSecond, int topN) {
    return new LifetimeTotals(
        hits,
        rate(endSecond),
        bytes,
        StatusClasses.of(statusClasses),
        tables.malformed,
        late,
        future,
        malformedRequests,
        firstSecond,
        TopN.sections(tables.sections, keys.sections, hits, topN, tables.otherSections()),
        TopN.hosts(tables.hosts, keys.hosts, topN, tables.otherHosts()),
        TopN.counts(tables.methods, keys.methods, Integer.MAX_VALUE),
        requests.snapshot(),
        filtered.snapshot());
  }

  /** The whole run's history and lifetime tables. */
  HistorySnapshot history() {
    int rows = HistorySnapshot.ROWS;
    return new HistorySnapshot(
        history.counts(),
        TopN.sections(tables.sections, keys.sections, hits, rows, tables.otherSections()),
        TopN.hosts(tables.hosts, keys.hosts, rows, tables.otherHosts()),
        TopN.counts(tables.methods, keys.methods, Integer.MAX_VALUE),
        vhosts(),
        BreakdownSnapshot.NONE);
  }

  /** Hits by virtual host, with earlier runs', most first (ties by name). */
  private List<Count> vhosts() {
    List<Count> now = requests.snapshot().vhostHits();
    if (earlierVhosts.isEmpty()) {
      return now;
    }
    Map<String, Long> all = new HashMap<>(earlierVhosts);
    now.forEach(c -> all.merge(c.key(), c.count(), Long::sum));
    List<Count> out = new ArrayList<>();
    all.forEach((k, v) -> out.add(new Count(k, v)));
    out.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key));
    return out;
  }

  /** What {@code --persist} saves when the current second is {@code now}. */
  LifetimeState state(long now) {
    int rows = LifetimeState.ROWS;
    List<Long> classes = new ArrayList<>(statusClasses.length);
    for (long c : statusClasses) {
      classes.add(c);
    }
    return new LifetimeState(
        hits,
        bytes,
        late,
        future,
        malformedRequests,
        earlierSeconds + (firstSecond == Long.MIN_VALUE ? 0 : Math.max(0, now - firstSecond)),
        classes,
        tables.malformed,
        TopN.sections(tables.sections, keys.sections, hits, rows, tables.otherSections()),
        TopN.hosts(tables.hosts, keys.hosts, rows, tables.otherHosts()),
        TopN.counts(tables.methods, keys.methods, Integer.MAX_VALUE),
        history.counts(),
        filtered.snapshot(),
        vhosts(),
        BreakdownState.NONE);
  }

  /** See {@link TrafficCounter#restore}: call after {@link #filterLabels}, before counting. */
  void restore(LifetimeState saved) {
    hits += saved.hits();
    bytes += saved.bytes();
    late += saved.late();
    future += saved.future();
    malformedRequests += saved.malformedRequests();
    earlierSeconds += saved.countedSeconds();
    filtered = filtered.plus(saved.filtered());
    saved.vhosts().forEach(c -> earlierVhosts.merge(c.key(), c.count(), Long::sum));
    for (int c = 0; c < statusClasses.length; c++) {
      statusClasses[c] += saved.statusClasses().get(c);
    }
    saved.malformed().forEach((reason, n) -> tables.malformed.merge(reason, n, Long::sum));
    for (SectionStat st : saved.sections()) {
      if (st.section().equals(Aggregator.OTHER)) {
        tables.otherSection[0] += st.hits();
        tables.otherSection[1] += st.serverErrors();
      } else {
        tables.addSection(keys.sections.idOf(st.section()), st.hits(), st.serverErrors());
      }
    }
    for (HostStat h : saved.clients()) {
      if (h.host().equals(Aggregator.OTHER)) {
        tables.otherHost[0] += h.bytes();
        tables.otherHost[1] += h.hits();
      } else {
        tables.addHost(keys.hosts.idOf(h.host()), h.bytes(), h.hits());
      }
    }
    for (Count m : saved.methods()) {
      tables.methods.addOne(keys.methods.idOf(m.key()), m.count(), 0);
    }
    history.restore(saved.history());
  }
}
