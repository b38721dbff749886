package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.Batches;
import dev.logmon.source.LineBatch;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The latency alert, driven like the traffic alert by log time and a hand-stepped wall clock (no
 * test sleeps): one event per crossing, in the same history. Lines are {@code "SECOND MILLIS"}.
 */
class LatencyAlertTest {
  private final List<AlertEvent> events = new ArrayList<>();
  private final AlertEngine alerts =
      new AlertEngine(AlertRule.ABSOLUTE, 1000).withLatencyThreshold(500_000);
  private MonitorView summary;

  private Monitor monitor(boolean replay) {
    return monitor(replay, 30);
  }

  private Monitor monitor(boolean replay, int windowSeconds) {
    Presenter p =
        new Presenter() {
          @Override
          public void report(MonitorView view) {}

          @Override
          public void alert(AlertEvent event, MonitorView view) {
            events.add(event);
          }

          @Override
          public void summary(MonitorView view) {
            summary = view;
          }
        };
    LineParser parser =
        line -> {
          String[] f = line.split(" ");
          return new ParseResult.Parsed(
              new LogRecord(
                  "192.0.2.1",
                  "-",
                  Long.parseLong(f[0]),
                  0,
                  "GET",
                  "/a",
                  "/a",
                  false,
                  200,
                  1,
                  null,
                  null,
                  null,
                  Long.parseLong(f[1]) * 1000));
        };
    return new Monitor(
        MonitorHarness.config(
            replay, 10, windowSeconds, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        new dev.logmon.parse.TextRows(parser, true),
        new Aggregator(new AggregatorConfig(windowSeconds, Math.min(10, windowSeconds), 10, 5)),
        alerts,
        p,
        ZoneOffset.UTC,
        s -> {},
        List::of);
  }

  private static LineBatch lines(long second, int count, long millis) {
    return Batches.of("t.log", 1, Collections.nCopies(count, second + " " + millis));
  }

  /**
   * Rows like the traffic alert's table: the durations (ms) of each second's lines, seconds split
   * by {@code |}, {@code 100*19} for 19 lines of 100 ms, {@code -} for a second without lines; a
   * 1-second alert window and a 500 ms threshold; events as R@i (raised after second i) and C@i.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          500*20 | 400*20 500*20                ; exactly at the threshold never alerts      ;
          100*20 | 501*20 | 600*20 | 700*20     ; just above alerts once                     ; R@1
          900*20 | 900*20 | 900*20 | 900*20     ; stays high: still one alert                ; R@0
          900*20 | 500*20 | 100*20              ; recovers at the threshold (<=)             ; R@0 C@1
          900*20 | 100*20 | 900*20 | 100*20 | 900*20 ; one event per crossing                ; R@0 C@1 R@2 C@3 R@4
          100*19 900 | 100*19 900*2             ; nearest-rank p95: 1 slow in 20 is not, 2 in 21 are ; R@1
          900*20 | - | - | 900*20               ; a second without lines has no p95: recovered ; R@0 C@1 R@3
          900*19 | 900*20                       ; fewer than 20 durations never alert        ; R@1
          900*25 | 900*19                       ; a window thinning below 20 recovers        ; R@0 C@1
          """)
  void latencyAlertTable(String seconds, String name, String expected) {
    Monitor m = monitor(false, 1);
    long base = 1000;
    m.startAt(base);
    String[] rows = seconds.split("\\|");
    for (int i = 0; i < rows.length; i++) {
      long s = base + i;
      List<String> lines = new ArrayList<>();
      for (String token : rows[i].trim().split("\\s+")) {
        if (token.equals("-")) {
          continue;
        }
        String[] nx = token.split("\\*");
        int copies = nx.length > 1 ? Integer.parseInt(nx[1]) : 1;
        lines.addAll(Collections.nCopies(copies, s + " " + nx[0]));
      }
      if (!lines.isEmpty()) {
        m.accept(Batches.of("t.log", 1, lines));
      }
      m.tick(s + 1); // the wall clock steps past second s: it is complete
    }
    String got =
        events.stream()
            .map(
                e ->
                    (e instanceof AlertEvent.LatencyRaised ? "R@" : "C@")
                        + (e.time().getEpochSecond() - 1 - base))
            .collect(Collectors.joining(" "));
    assertThat(got).isEqualTo(expected == null ? "" : expected);
    assertThat(alerts.history()).containsExactlyElementsOf(events);
  }

  @Test
  void raisedOnceWhenP95CrossesAndRecoveredOnceWhenItFalls() {
    Monitor m = monitor(false);
    m.startAt(1000);
    for (long s = 1000; s < 1010; s++) {
      m.accept(lines(s, 10, 100));
      m.tick(s);
    }
    assertThat(events).isEmpty();
    for (long s = 1010; s < 1020; s++) {
      m.accept(lines(s, 10, 900)); // half the window slow: p95 above 500 ms
      m.tick(s);
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(AlertEvent.LatencyRaised.class);
    assertThat(events.get(0).value()).isEqualTo(900.0);
    assertThat(events.get(0).message())
        .startsWith("High latency generated an alert - p95 = 900.00 ms (estimate), triggered at");
    // Quiet seconds: the slow lines leave the 30 s window and it recovers, once.
    for (long s = 1020; s < 1060; s++) {
      m.tick(s);
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).isInstanceOf(AlertEvent.LatencyRecovered.class);
    assertThat(alerts.history()).containsExactlyElementsOf(events);
  }

  @Test
  void replayReportsLatencyInTheSummaryView() {
    Monitor m = monitor(true);
    m.accept(lines(1000, 20, 100));
    m.accept(lines(1001, 1, 2000));
    m.finish();
    assertThat(summary.latency().window().count()).isEqualTo(21);
    assertThat(summary.latency().window().p50()).isEqualTo(100_000);
    assertThat(summary.latency().window().p99()).isEqualTo(2_000_000);
    assertThat(events).isEmpty(); // p95 of 21 = the 20th smallest = 100 ms: no alert
  }
}
