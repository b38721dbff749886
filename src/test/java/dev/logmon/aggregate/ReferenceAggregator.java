package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregator as it was before ids and incremental windows, kept as the reference that the fast
 * path must match exactly (see FastPathEquivalenceTest): a ring of per-second buckets keyed by log
 * time, plus lifetime totals.
 *
 * <p>Not thread-safe: exactly one thread (the pipeline's) owns an aggregator, feeds it records and
 * publishes the immutable {@link TrafficSnapshot}s it derives. It never reads a clock: "now" is the
 * newest second it was advanced to, chosen by the caller (see docs/ARCHITECTURE.md, time model).
 *
 * <p>The ring holds the current second and the {@code span} completed seconds before it, where
 * {@code span} is the longest window asked for. Buckets are rotated lazily: a slot whose second is
 * not the one looked up reads as empty and is reset on the next write, so jumping over a long
 * silence costs nothing.
 */
public final class ReferenceAggregator implements TrafficCounter {
  /** Lifetime tables keep at most this many keys; the rest is folded into {@link #OTHER}. */
  static final int LIFETIME_KEY_CAP = 100_000;

  /** The row that collects lifetime keys beyond {@link #LIFETIME_KEY_CAP}. */
  public static final String OTHER = "(other)";

  /** Minutes of per-minute history kept for long charts. */
  public static final int MINUTES = 60;

  private final AggregatorConfig config;
  private final int span;
  private final ReferenceBucket[] ring;
  private long now = Long.MIN_VALUE;

  private long hits;
  private long bytes;
  private long late;
  private long future;
  private long malformedRequests;
  private long firstSecond = Long.MIN_VALUE;
  private final long[] statusClasses = new long[6];
  private final EnumMap<MalformedReason, Long> malformed = new EnumMap<>(MalformedReason.class);
  private final Map<String, long[]> lifetimeSections = new HashMap<>();
  private final Map<String, long[]> lifetimeHosts = new HashMap<>();
  private final Map<String, long[]> lifetimeMethods = new HashMap<>();
  private final ReferenceRequestCounts requests = new ReferenceRequestCounts();
  private final long[] minuteHits = new long[MINUTES];
  private final long[] minuteKeys = new long[MINUTES];

  private final int cap;

  public ReferenceAggregator(AggregatorConfig config) {
    this(config, LIFETIME_KEY_CAP);
  }

  public ReferenceAggregator(AggregatorConfig config, int lifetimeKeyCap) {
    this.cap = lifetimeKeyCap;
    this.config = config;
    this.span = config.span();
    this.ring = new ReferenceBucket[span + 1];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new ReferenceBucket();
    }
    java.util.Arrays.fill(minuteKeys, Long.MIN_VALUE);
  }

  @Override
  public AggregatorConfig config() {
    return config;
  }

  /** Whether {@link #advanceTo} or {@link #add} has set a current second yet. */
  @Override
  public boolean started() {
    return now != Long.MIN_VALUE;
  }

  /** The current (in-progress) second; meaningless before {@link #started()}. */
  @Override
  public long now() {
    return now;
  }

  /**
   * Starts the clock at {@code second} (follow mode: the wall clock at start), so that the lifetime
   * counts from there even before the first hit.
   */
  @Override
  public void startAt(long second) {
    advanceTo(second);
    if (firstSecond == Long.MIN_VALUE || second < firstSecond) {
      firstSecond = second;
    }
  }

  /** Moves the current second forward; a second at or before the current one is ignored. */
  @Override
  public void advanceTo(long second) {
    if (second > now) {
      now = second;
    }
  }

  /**
   * Counts one record in second {@code s}. A second ahead of the current one advances it; one that
   * is older than every window ({@code span} seconds before now or more) counts toward the lifetime
   * and {@link LifetimeTotals#late()} only.
   *
   * @return whether the record landed in the windows (false when late)
   */
  @Override
  public boolean add(LogRecord r, long s) {
    advanceTo(s);
    countLifetime(r);
    countMinute(s);
    if (s <= now - span) {
      late++;
      return false;
    }
    if (firstSecond == Long.MIN_VALUE || s < firstSecond) {
      firstSecond = s;
    }
    ReferenceBucket b = ring[slot(s)];
    if (b.second != s) {
      b.reset(s);
    }
    b.add(r);
    return true;
  }

  /** Counts a future record: lifetime totals only. */
  @Override
  public void addFuture(LogRecord r) {
    countLifetime(r);
    future++;
  }

  private void countLifetime(LogRecord r) {
    hits++;
    bytes += r.bytes();
    statusClasses[r.statusClass()]++;
    if (r.requestMalformed()) {
      malformedRequests++;
    }
    long[] sec = capped(lifetimeSections, r.section());
    sec[0]++;
    if (r.statusClass() == 5) {
      sec[1]++;
    }
    long[] host = capped(lifetimeHosts, r.host());
    host[0] += r.bytes();
    host[1]++;
    requests.add(r);
    lifetimeMethods
        .computeIfAbsent(r.requestMalformed() ? "(none)" : r.method(), k -> new long[1])[0]++;
  }

  /** Counts one line that yielded no record. */
  @Override
  public void addMalformed(MalformedReason reason) {
    malformed.merge(reason, 1L, Long::sum);
  }

  private java.util.List<String> filterLabels = java.util.List.of();
  private long[] filtered = new long[0];

  @Override
  public void filterLabels(java.util.List<String> labels) {
    filterLabels = java.util.List.copyOf(labels);
    filtered = new long[labels.size()];
  }

  @Override
  public void addFiltered(int rule) {
    filtered[rule]++;
  }

  /**
   * Hits in the {@code seconds} seconds ending with {@code endSecond}, which must be in the ring.
   */
  @Override
  public long hitsBetween(long endSecond, int seconds) {
    long sum = 0;
    for (long s = endSecond - seconds + 1; s <= endSecond; s++) {
      ReferenceBucket b = ring[slot(s)];
      if (b.second == s) {
        sum += b.hits;
      }
    }
    return sum;
  }

  /** Whether no bucket for a second at or after {@code second} holds a hit. */
  @Override
  public boolean quietFrom(long second) {
    for (ReferenceBucket b : ring) {
      if (b.hits != 0 && b.second >= second) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hits in the windows divided by the seconds from the first of them through {@code endSecond}.
   */
  @Override
  public double lifetimeRate(long endSecond) {
    if (firstSecond == Long.MIN_VALUE) {
      return 0;
    }
    return (double) (hits - late - future) / Math.max(1, endSecond - firstSecond + 1);
  }

  /** Lifetime hits, late ones included. */
  @Override
  public long hits() {
    return hits;
  }

  /**
   * The snapshot of the windows ending with the completed second {@code endSecond}.
   *
   * @param offset the zone offset that presenters use to print times
   */
  @Override
  public TrafficSnapshot snapshot(long endSecond, ZoneOffset offset) {
    ReferenceWindowMerge merge = new ReferenceWindowMerge(config.topN());
    WindowStats frame = merge.of(ring, endSecond, config.frameSeconds());
    WindowStats window = merge.of(ring, endSecond, config.windowSeconds());
    WindowStats report =
        config.reportSeconds() == config.frameSeconds()
            ? frame
            : merge.of(ring, endSecond, config.reportSeconds());
    java.util.List<SectionStat> lifetimeTop =
        ReferenceWindowMerge.topSections(lifetimeSections, hits, config.topN());
    LifetimeTotals totals =
        new LifetimeTotals(
            hits,
            lifetimeRate(endSecond),
            bytes,
            StatusClasses.of(statusClasses),
            malformed,
            late,
            future,
            malformedRequests,
            firstSecond,
            lifetimeTop,
            ReferenceWindowMerge.topHosts(lifetimeHosts, config.topN()),
            ReferenceWindowMerge.counts(lifetimeMethods, Integer.MAX_VALUE),
            requests.snapshot(),
            java.util.stream.IntStream.range(0, filtered.length)
                .mapToObj(r -> new Count(filterLabels.get(r), filtered[r]))
                .toList());
    return new TrafficSnapshot(
        Instant.ofEpochSecond(endSecond + 1),
        offset,
        frame,
        window,
        report,
        totals,
        minutesEndingAt(endSecond));
  }

  private void countMinute(long second) {
    long minute = Math.floorDiv(second, 60);
    if (minute <= Math.floorDiv(now, 60) - MINUTES) {
      return;
    }
    int i = (int) Math.floorMod(minute, (long) MINUTES);
    if (minuteKeys[i] != minute) {
      minuteKeys[i] = minute;
      minuteHits[i] = 0;
    }
    minuteHits[i]++;
  }

  private java.util.List<Long> minutesEndingAt(long endSecond) {
    long last = Math.floorDiv(endSecond, 60);
    java.util.List<Long> out = new java.util.ArrayList<>(MINUTES);
    for (long m = last - MINUTES + 1; m <= last; m++) {
      int i = (int) Math.floorMod(m, (long) MINUTES);
      out.add(minuteKeys[i] == m ? minuteHits[i] : 0L);
    }
    return out;
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, (long) ring.length);
  }

  private long[] capped(Map<String, long[]> map, String key) {
    long[] v = map.get(key);
    if (v == null) {
      String k = map.size() < cap ? key : OTHER;
      v = map.computeIfAbsent(k, x -> new long[2]);
    }
    return v;
  }
}
