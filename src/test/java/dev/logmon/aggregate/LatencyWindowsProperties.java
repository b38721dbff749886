package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Latency statistics against exact percentiles computed by sorting, on small inputs (up to {@value
 * LatencyWindows#K} durations, where the sketches hold every value): window and per-section
 * p50/p95/p99, the slowest sections, and the alert's p95-above-threshold test.
 */
class LatencyWindowsProperties {
  private static final long NOW = 10_000;
  private static final String[] SECTIONS = {"/api", "/static", "/login", "/"};

  /** One line: its second (0 = the current one, going back), section and duration. */
  record Hit(int secondsAgo, int section, long micros) {}

  @Property(tries = 500)
  void quantilesAreExactNearestRank(
      @ForAll("hits") List<Hit> hits,
      @ForAll @IntRange(min = 1, max = 60) int window,
      @ForAll @LongRange(min = 0, max = 3_000_000) long threshold) {
    LatencyWindows w = new LatencyWindows(60, threshold);
    for (Hit h : hits) {
      add(w, record(h), NOW);
    }
    List<Long> all = new ArrayList<>();
    Map<String, List<Long>> bySection = new TreeMap<>();
    for (Hit h : hits) {
      if (h.secondsAgo() < window) {
        all.add(h.micros());
        bySection.computeIfAbsent(SECTIONS[h.section()], k -> new ArrayList<>()).add(h.micros());
      }
    }
    LatencySnapshot.Stats s = w.snapshot(NOW, Math.min(10, window), window, 10).window();

    assertThat(s.count()).isEqualTo(all.size());
    assertThat(w.p95AboveThreshold(NOW, window))
        .isEqualTo(all.size() >= LatencyWindows.MIN_ALERT_SAMPLES && exact(all, 0.95) > threshold);
    if (all.isEmpty()) {
      assertThat(w.quantile(NOW, window, 0.95)).isEqualTo(-1);
      return;
    }
    assertThat(List.of(s.p50(), s.p95(), s.p99()))
        .isEqualTo(List.of(exact(all, 0.5), exact(all, 0.95), exact(all, 0.99)));
    assertThat(w.quantile(NOW, window, 0.95)).isEqualTo(exact(all, 0.95));
    List<LatencySnapshot.SectionLatency> expected = new ArrayList<>();
    bySection.forEach(
        (k, v) ->
            expected.add(
                new LatencySnapshot.SectionLatency(
                    k, v.size(), exact(v, 0.5), exact(v, 0.95), exact(v, 0.99))));
    assertThat(s.sections()).containsExactlyInAnyOrderElementsOf(expected);
    expected.sort(
        (a, b) ->
            a.p95() != b.p95()
                ? Long.compare(b.p95(), a.p95())
                : a.section().compareTo(b.section()));
    assertThat(s.slowest()).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<Hit>> hits() {
    Arbitrary<Long> micros =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 5_000_000),
            Arbitraries.of(1_000L, 100_000L, 500_000L, 500_001L)); // ties and threshold edges
    return Combinators.combine(
            Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 3), micros)
        .as(Hit::new)
        .list()
        .ofMaxSize(LatencyWindows.K);
  }

  /** The nearest-rank percentile: the smallest value with at least {@code p} of all at or below. */
  private static long exact(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  private static LogRecord record(Hit h) {
    String section = SECTIONS[h.section()];
    return new LogRecord(
        "192.0.2.1",
        "-",
        NOW - h.secondsAgo(),
        0,
        "GET",
        section,
        section,
        false,
        200,
        1,
        null,
        null,
        null,
        h.micros());
  }

  /** Counts {@code r} in its own second, the current second being {@code now}. */
  private static void add(LatencyWindows w, LogRecord r, long now) {
    w.add(r, r.epochSecond(), now);
  }
}
