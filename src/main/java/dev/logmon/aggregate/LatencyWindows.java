package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParsedLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Request latency and virtual-host hits in a ring of per-second buckets keyed by log time, beside
 * the {@link Aggregator}'s ring and with the same span and late-line rule.
 *
 * <p>Each second keeps a KLL quantile sketch of its durations (and one per section, at most {@value
 * #SECTION_CAP} sections a second, the rest under {@value #OTHER}); a window's quantiles merge its
 * seconds' sketches, which costs O(window) and so is done for snapshots only. Whole {@value #BLOCK}
 * second blocks of a window are merged once and kept until a line lands in them, so consecutive
 * reports do not merge the same seconds again (merging re-inserts a small sketch's items one by
 * one, which made snapshots most of a timed replay's work). The latency alert instead needs "is the
 * window's p95 above T" every second: with n durations of which m exceed T, the nearest-rank p95 is
 * above T exactly when {@code m > n - ceil(0.95 n)}, so each second also counts durations above the
 * threshold. Not thread-safe: owned by the pipeline thread.
 */
public final class LatencyWindows {
  static final int K = 200;
  static final int SECTION_CAP = 64;
  static final String OTHER = "(other)";
  static final int BLOCK = 10;

  private final int span;
  private final long thresholdMicros;
  private final Bucket[] ring;
  private final Block[] blocks;
  // Rows carry keys as bytes; these give the same Strings without decoding every line.
  private final StringCache sectionNames = new StringCache(4096);
  private final StringCache vhostNames = new StringCache(256);

  /** One second's durations and virtual hosts. */
  private static final class Bucket {
    long second = Long.MIN_VALUE;
    long count;
    long over;
    KllDoublesSketch all;
    final Map<String, KllDoublesSketch> sections = new HashMap<>();
    final Map<String, long[]> vhosts = new HashMap<>();

    void reset(long s) {
      second = s;
      count = 0;
      over = 0;
      all = null;
      sections.clear();
      vhosts.clear();
    }
  }

  /** The merged sketches of the {@value #BLOCK} seconds from {@code index * BLOCK}. */
  private static final class Block {
    long index = Long.MIN_VALUE;
    KllDoublesSketch all;
    final Map<String, KllDoublesSketch> sections = new HashMap<>();
  }

  /**
   * @param span seconds before the current one that windows reach back (the aggregator's span)
   * @param thresholdMicros the latency alert's threshold, or -1 without one
   */
  public LatencyWindows(int span, long thresholdMicros) {
    this.span = span;
    this.thresholdMicros = thresholdMicros;
    this.ring = new Bucket[span + 1];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new Bucket();
    }
    // Enough that the blocks of any window (at most span seconds) have a slot each.
    this.blocks = new Block[span / BLOCK + 2];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new Block();
    }
  }

  /**
   * Counts a record's duration and virtual host in second {@code s} (where the pipeline placed it),
   * given the current second {@code now}; a second outside the ring (late, or ahead of now: a
   * future line) is not counted here (the metrics counters count every hit: {@link
   * RequestCounters}).
   */
  public void add(LogRecord r, long s, long now) {
    if ((!r.hasDuration() && r.vhost() == null) || s <= now - span || s > now) {
      return; // late lines count toward lifetime totals only, as in the Aggregator
    }
    count(s, r.durationMicros(), r.vhost(), r.section());
  }

  /** As {@link #add(LogRecord, long, long)} for hit {@code i} (outcome OK) of a parsed chunk. */
  public void add(ParsedLines l, int i, long s, long now) {
    long d = l.durationMicros(i);
    int v = l.vhostStart(i);
    if (d == LogRecord.NO_DURATION && v < 0) {
      return;
    }
    if (s <= now - span || s > now) {
      return;
    }
    String vhost = v < 0 ? null : vhostNames.get(l.buffer(), v, l.vhostEnd(i), l.vhostHash(i));
    String section = null;
    if (d != LogRecord.NO_DURATION) {
      section = l.sectionPlaceholder(i);
      if (section == null) {
        section =
            sectionNames.get(l.buffer(), l.sectionStart(i), l.sectionEnd(i), l.sectionHash(i));
      }
    }
    count(s, d, vhost, section);
  }

  private void count(long s, long durationMicros, String vhost, String section) {
    Bucket b = ring[(int) Math.floorMod(s, (long) ring.length)];
    if (b.second != s) {
      b.reset(s);
    }
    long index = Math.floorDiv(s, BLOCK);
    Block block = blocks[(int) Math.floorMod(index, (long) blocks.length)];
    if (block.index == index) {
      block.index = Long.MIN_VALUE; // an out-of-order line: merge the block again when next asked
    }
    if (vhost != null) {
      b.vhosts.computeIfAbsent(vhost, k -> new long[1])[0]++;
    }
    if (durationMicros == LogRecord.NO_DURATION) {
      return;
    }
    double d = durationMicros;
    b.count++;
    if (thresholdMicros >= 0 && durationMicros > thresholdMicros) {
      b.over++;
    }
    if (b.all == null) {
      b.all = KllDoublesSketch.newHeapInstance(K);
    }
    b.all.update(d);
    String key =
        b.sections.containsKey(section) || b.sections.size() < SECTION_CAP ? section : OTHER;
    b.sections.computeIfAbsent(key, k -> KllDoublesSketch.newHeapInstance(K)).update(d);
  }

  /**
   * Durations a window needs before its p95 can raise the latency alert: with fewer, the
   * nearest-rank p95 is simply the slowest request, and one slow request in a quiet minute (or in
   * the first seconds of a run) would raise and clear alerts at random.
   */
  public static final int MIN_ALERT_SAMPLES = 20;

  /**
   * Whether the window ending with {@code end} holds at least {@link #MIN_ALERT_SAMPLES} durations
   * and their nearest-rank p95 exceeds the threshold.
   */
  public boolean p95AboveThreshold(long end, int seconds) {
    long n = 0;
    long over = 0;
    for (long s = end - seconds + 1; s <= end; s++) {
      Bucket b = bucket(s);
      if (b != null) {
        n += b.count;
        over += b.over;
      }
    }
    return n >= MIN_ALERT_SAMPLES && over > n - (long) Math.ceil(0.95 * n);
  }

  /** The window's quantile {@code q} in microseconds (an estimate), or -1 if it is empty. */
  public long quantile(long end, int seconds, double q) {
    KllDoublesSketch m = KllDoublesSketch.newHeapInstance(K);
    merge(end - seconds + 1, end, m, null);
    return m.isEmpty() ? -1 : (long) m.getQuantile(q);
  }

  /**
   * Merges the sketches of seconds {@code from..end} into {@code all} and, unless null, {@code
   * bySection}: whole blocks from the block cache, the seconds at either edge one by one.
   */
  private void merge(
      long from, long end, KllDoublesSketch all, Map<String, KllDoublesSketch> bySection) {
    long s = from;
    while (s <= end) {
      long index = Math.floorDiv(s, BLOCK);
      if (s == index * BLOCK && s + BLOCK - 1 <= end) {
        Block k = block(index);
        merge(k.all, k.sections, all, bySection);
        s += BLOCK;
      } else {
        Bucket b = bucket(s);
        if (b != null) {
          merge(b.all, b.sections, all, bySection);
        }
        s++;
      }
    }
  }

  private static void merge(
      KllDoublesSketch all,
      Map<String, KllDoublesSketch> sections,
      KllDoublesSketch intoAll,
      Map<String, KllDoublesSketch> intoSections) {
    if (all == null) {
      return;
    }
    intoAll.merge(all);
    if (intoSections != null) {
      sections.forEach(
          (k, v) ->
              intoSections.computeIfAbsent(k, x -> KllDoublesSketch.newHeapInstance(K)).merge(v));
    }
  }

  /** Block {@code index}, merged from its seconds unless it still holds them. */
  private Block block(long index) {
    Block k = blocks[(int) Math.floorMod(index, (long) blocks.length)];
    if (k.index != index) {
      k.index = index;
      k.sections.clear();
      KllDoublesSketch all = KllDoublesSketch.newHeapInstance(K);
      for (long s = index * BLOCK; s < (index + 1) * BLOCK; s++) {
        Bucket b = bucket(s);
        if (b != null) {
          merge(b.all, b.sections, all, k.sections);
        }
      }
      k.all = all.isEmpty() ? null : all;
    }
    return k;
  }

  /** The snapshot of the frame and window ending with the completed second {@code end}. */
  public LatencySnapshot snapshot(long end, int frameSeconds, int windowSeconds, int topN) {
    return new LatencySnapshot(
        stats(end, frameSeconds, topN),
        stats(end, windowSeconds, topN),
        vhosts(end, frameSeconds, topN),
        vhosts(end, windowSeconds, topN));
  }

  private LatencySnapshot.Stats stats(long end, int seconds, int topN) {
    KllDoublesSketch all;
    Map<String, KllDoublesSketch> bySection;
    if (seconds == BLOCK && Math.floorMod(end + 1, BLOCK) == 0) {
      // The 10 s frame of a report on a 10 s boundary is one block: read its sketches as they are.
      Block k = block(Math.floorDiv(end, BLOCK));
      all = k.all;
      bySection = k.sections;
    } else {
      all = KllDoublesSketch.newHeapInstance(K);
      bySection = new HashMap<>();
      merge(end - seconds + 1, end, all, bySection);
    }
    if (all == null || all.isEmpty()) {
      return LatencySnapshot.Stats.empty(seconds);
    }
    List<LatencySnapshot.SectionLatency> sections = new ArrayList<>();
    bySection.forEach(
        (k, v) ->
            sections.add(
                new LatencySnapshot.SectionLatency(
                    k, v.getN(), q(v, 0.5), q(v, 0.95), q(v, 0.99))));
    List<LatencySnapshot.SectionLatency> busiest = new ArrayList<>(sections);
    busiest.sort(
        Comparator.comparingLong(LatencySnapshot.SectionLatency::count)
            .reversed()
            .thenComparing(LatencySnapshot.SectionLatency::section));
    sections.sort(
        Comparator.comparingLong(LatencySnapshot.SectionLatency::p95)
            .reversed()
            .thenComparing(LatencySnapshot.SectionLatency::section));
    return new LatencySnapshot.Stats(
        seconds,
        all.getN(),
        q(all, 0.5),
        q(all, 0.95),
        q(all, 0.99),
        busiest.subList(0, Math.min(topN, busiest.size())),
        sections.subList(0, Math.min(topN, sections.size())));
  }

  private List<Count> vhosts(long end, int seconds, int topN) {
    Map<String, Long> hits = new HashMap<>();
    for (long s = end - seconds + 1; s <= end; s++) {
      Bucket b = bucket(s);
      if (b != null) {
        b.vhosts.forEach((k, v) -> hits.merge(k, v[0], Long::sum));
      }
    }
    return hits.entrySet().stream()
        .map(e -> new Count(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key))
        .limit(topN)
        .toList();
  }

  private static long q(KllDoublesSketch s, double rank) {
    return (long) s.getQuantile(rank);
  }

  private Bucket bucket(long s) {
    Bucket b = ring[(int) Math.floorMod(s, (long) ring.length)];
    return b.second == s ? b : null;
  }
}
