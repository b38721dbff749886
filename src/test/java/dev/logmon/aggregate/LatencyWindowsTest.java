package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency quantiles against exact nearest-rank percentiles on small inputs, and top vhosts. */
class LatencyWindowsTest {
  private static LogRecord hit(long second, String section, long micros, String vhost) {
    return new LogRecord(
        "192.0.2.1",
        "-",
        second,
        0,
        "GET",
        section,
        section,
        false,
        200,
        1,
        null,
        null,
        vhost,
        micros);
  }

  /**
   * The nearest-rank percentile: the smallest value with at least p of the values at or below it.
   */
  private static long exact(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  @Test
  void quantilesAreExactNearestRankOnSmallInputs() {
    LatencyWindows w = new LatencyWindows(120, -1);
    java.util.List<Long> values = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 150; i++) {
      long v = 1L + random.nextInt(2_000_000);
      values.add(v);
      add(w, hit(1000 + i % 100, i % 3 == 0 ? "/slow" : "/fast", v, null), 1100);
    }
    values.sort(null);
    LatencySnapshot.Stats s = w.snapshot(1100, 10, 120, 5).window();
    assertThat(s.count()).isEqualTo(150);
    assertThat(s.p50()).isEqualTo(exact(values, 0.5));
    assertThat(s.p95()).isEqualTo(exact(values, 0.95));
    assertThat(s.p99()).isEqualTo(exact(values, 0.99));
    assertThat(w.quantile(1100, 120, 0.95)).isEqualTo(exact(values, 0.95));
  }

  @Test
  void perSectionQuantilesAndSlowestSections() {
    LatencyWindows w = new LatencyWindows(120, -1);
    for (int i = 1; i <= 100; i++) {
      add(w, hit(1000, "/api", i * 1000L, null), 1000);
    }
    for (int i = 1; i <= 10; i++) {
      add(w, hit(1000, "/report", i * 100_000L, null), 1000);
    }
    LatencySnapshot.Stats s = w.snapshot(1000, 10, 120, 5).frame();
    assertThat(s.sections().get(0))
        .isEqualTo(new LatencySnapshot.SectionLatency("/api", 100, 50_000, 95_000, 99_000));
    assertThat(s.slowest().get(0))
        .isEqualTo(
            new LatencySnapshot.SectionLatency("/report", 10, 500_000, 1_000_000, 1_000_000));
  }

  @Test
  void windowsSlideAndLateLinesAreLeftOut() {
    LatencyWindows w = new LatencyWindows(120, -1);
    add(w, hit(1000, "/a", 5_000, "a.example"), 1000);
    add(w, hit(1015, "/a", 7_000, "b.example"), 1015);
    add(w, hit(1016, "/a", 9_000, "b.example"), 1016);
    add(w, hit(800, "/a", 1, "late.example"), 1016); // older than the span
    LatencySnapshot s = w.snapshot(1016, 10, 120, 5);
    assertThat(s.frame().count()).isEqualTo(2);
    assertThat(s.frame().p50()).isEqualTo(7_000);
    assertThat(s.window().count()).isEqualTo(3);
    assertThat(s.windowVhosts())
        .containsExactly(new Count("b.example", 2), new Count("a.example", 1));
    assertThat(s.frameVhosts()).containsExactly(new Count("b.example", 2));
    assertThat(new LatencyWindows(120, -1).snapshot(5, 10, 120, 5).hasLatency()).isFalse();
  }

  @Test
  void p95AboveTheThresholdIsExactFromCounts() {
    LatencyWindows w = new LatencyWindows(120, 100_000);
    // 20 values: nearest-rank p95 is the 19th smallest; two above the threshold make it high.
    for (int i = 0; i < 19; i++) {
      add(w, hit(1000, "/a", i < 18 ? 1_000 : 200_000, null), 1000);
    }
    add(w, hit(1000, "/a", 1_000, null), 1000);
    assertThat(w.p95AboveThreshold(1000, 120)).isFalse(); // 19th smallest is 1 ms
    add(w, hit(1000, "/a", 300_000, null), 1000);
    // 21 values, 2 above: the 20th smallest (ceil(0.95*21)) is 200 ms > 100 ms.
    assertThat(w.p95AboveThreshold(1000, 120)).isTrue();
    assertThat(w.quantile(1000, 120, 0.95)).isEqualTo(200_000);
  }

  @Test
  void fewerThanTwentyDurationsNeverRaiseTheAlertHoweverSlow() {
    LatencyWindows w = new LatencyWindows(120, 100_000);
    for (int i = 0; i < LatencyWindows.MIN_ALERT_SAMPLES - 1; i++) {
      add(w, hit(1000, "/a", 5_000_000, null), 1000);
    }
    assertThat(w.p95AboveThreshold(1000, 120)).isFalse(); // 19 requests, all 5 s: too few
    assertThat(w.quantile(1000, 120, 0.95)).isEqualTo(5_000_000); // still reported
    add(w, hit(1000, "/a", 5_000_000, null), 1000);
    assertThat(w.p95AboveThreshold(1000, 120)).isTrue(); // the 20th makes the p95 count
  }

  /** A block merged for one report still takes a line that arrives out of order afterwards. */
  @Test
  void mergedBlocksSeeOutOfOrderLines() {
    LatencyWindows w = new LatencyWindows(120, -1);
    for (long s = 1000; s < 1040; s++) {
      add(w, hit(s, "/a", 1_000 + s, null), s);
    }
    LatencySnapshot.Stats before = w.snapshot(1039, 10, 30, 5).window();
    assertThat(before.count()).isEqualTo(30);
    // The frame ending on a 10 s boundary is read straight from its block.
    LatencySnapshot.Stats frame = w.snapshot(1039, 10, 30, 5).frame();
    assertThat(frame.count()).isEqualTo(10);
    assertThat(frame.sections())
        .containsExactly(new LatencySnapshot.SectionLatency("/a", 10, 2_034, 2_039, 2_039));
    add(w, hit(1015, "/late", 900_000, null), 1040); // lands in the block 1010..1019
    LatencySnapshot.Stats after = w.snapshot(1039, 10, 30, 5).window();
    assertThat(after.count()).isEqualTo(31);
    assertThat(after.p99()).isEqualTo(900_000);
    assertThat(after.slowest().get(0).section()).isEqualTo("/late");
    assertThat(w.quantile(1039, 30, 1.0)).isEqualTo(900_000);
  }

  /** Counts {@code r} in its own second, the current second being {@code now}. */
  private static void add(LatencyWindows w, LogRecord r, long now) {
    w.add(r, r.epochSecond(), now);
  }
}
