package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.Batches;
import dev.logmon.source.LineBatch;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The time model, driven by log timestamps and an explicit wall-clock second (a fake clock): no
 * test sleeps. Lines here are {@code "SECOND SECTION STATUS"}, parsed by a stand-in parser so the
 * tests are about time, not parsing.
 */
class MonitorTest {
  private final List<String> events = new ArrayList<>();
  private final List<MonitorView> reports = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private MonitorView summary;

  private Monitor monitor(
      boolean replay, int window, int interval, double threshold, AlertRule rule) {
    return monitor(replay, window, interval, threshold, rule, false);
  }

  private Monitor monitor(
      boolean replay, int window, int interval, double threshold, AlertRule rule, boolean live) {
    Presenter p =
        new Presenter() {
          @Override
          public void report(MonitorView view) {
            reports.add(view);
          }

          @Override
          public void alert(AlertEvent event, MonitorView view) {
            events.add(event.message());
          }

          @Override
          public void summary(MonitorView view) {
            summary = view;
          }
        };
    return new Monitor(
        MonitorHarness.config(
            replay, interval, window, 2, live, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        MonitorHarness.PARSER,
        new Aggregator(new AggregatorConfig(window, 10, interval, 5)),
        new AlertEngine(rule, threshold),
        p,
        ZoneOffset.UTC,
        notes::add,
        List::of);
  }

  private static LineBatch lines(long second, int count) {
    return Batches.of("test.log", 1, Collections.nCopies(count, second + " /a 200"));
  }

  @Test
  void averageExactlyAtTheThresholdDoesNotAlertAndOneMoreHitDoes() {
    Monitor m = monitor(true, 10, 10, 2, AlertRule.ABSOLUTE);
    m.accept(lines(100, 20)); // 20 hits / 10 s = 2.0, not above 2
    m.accept(lines(101, 0));
    m.tick(0); // a wall clock in the past changes nothing
    m.accept(lines(102, 1));
    m.finish();
    // second 100 completes with 2.0/s: no alert; second 102 completes with 21/10 = 2.1: alert.
    assertThat(events)
        .containsExactly(
            "High traffic generated an alert - hits = 2.10, triggered at 1970-01-01T00:01:43+00:00");
  }

  @Test
  void silenceRecoversInFollowModeAsTheWallClockMoves() {
    Monitor m = monitor(false, 10, 10, 2, AlertRule.ABSOLUTE);
    m.startAt(1000);
    m.accept(lines(1000, 30));
    m.tick(1001); // second 1000 complete: 30/10 = 3.0 > 2
    assertThat(events)
        .containsExactly(
            "High traffic generated an alert - hits = 3.00, triggered at 1970-01-01T00:16:41+00:00");
    m.tick(1010); // seconds up to 1009 complete; the 30 hits are still in [1000, 1009]
    assertThat(events).hasSize(1);
    m.tick(1011); // second 1010 completes with window [1001, 1010]: empty
    assertThat(events)
        .last()
        .isEqualTo(
            "High traffic alert recovered - hits = 0.00, recovered at 1970-01-01T00:16:51+00:00");
    m.tick(2000);
    assertThat(events).hasSize(2);
  }

  @Test
  void aBacklogOlderThanTheWindowIsLateAndRaisesNoAlert() {
    Monitor m = monitor(false, 120, 10, 10, AlertRule.ABSOLUTE);
    m.startAt(100_000);
    for (long s = 50_000; s < 50_100; s++) {
      m.accept(lines(s, 50)); // 50/s, far above the threshold, but a day old
    }
    m.tick(100_030);
    m.finish();
    assertThat(events).isEmpty();
    assertThat(summary.traffic().lifetime().hits()).isEqualTo(5_000);
    assertThat(summary.traffic().lifetime().late()).isEqualTo(5_000);
    assertThat(summary.traffic().window().hits()).isZero();
    assertThat(notes).anyMatch(n -> n.contains("behind the wall clock"));
  }

  @Test
  void outOfOrderLinesInsideTheWindowStillCount() {
    Monitor m = monitor(true, 10, 10, 100, AlertRule.ABSOLUTE);
    m.accept(lines(200, 1));
    m.accept(lines(195, 2)); // earlier, but within the window: counted in it
    m.accept(lines(185, 4)); // more than the span (10 s) before now: late
    m.finish();
    assertThat(summary.traffic().window().hits()).isEqualTo(3);
    assertThat(summary.traffic().lifetime().hits()).isEqualTo(7);
    assertThat(summary.traffic().lifetime().late()).isEqualTo(4);
  }

  @Test
  void reportsComeAtEveryIntervalBoundaryInFollowModeEvenWhenQuiet() {
    Monitor m = monitor(false, 30, 10, 10, AlertRule.ABSOLUTE);
    m.startAt(1_003);
    m.accept(lines(1_005, 7));
    m.tick(1_031);
    assertThat(reports)
        .extracting(v -> v.traffic().time().getEpochSecond())
        .containsExactly(1_010L, 1_020L, 1_030L);
    assertThat(reports.get(0).traffic().report().hits()).isEqualTo(7);
    assertThat(reports.get(1).traffic().report().hits()).isZero();
    assertThat(reports.get(2).traffic().window().hits()).isEqualTo(7);
  }

  @Test
  void replaySkipsReportsForSilentStretchesButNotAlerts() {
    Monitor m = monitor(true, 10, 10, 1, AlertRule.ABSOLUTE);
    m.accept(lines(1_000, 20));
    for (long s = 1_000_000; s < 1_000_003; s++) {
      m.accept(lines(s, 1)); // 11 days later, and the log goes on: a gap, not an outlier
    }
    m.finish();
    // Alert at 1001, recovery when second 1010 completes, then nothing until the next lines, whose
    // interval never completes: they show in the summary only.
    assertThat(events).hasSize(2);
    assertThat(reports)
        .extracting(v -> v.traffic().time().getEpochSecond())
        .containsExactly(1_010L);
    assertThat(summary.traffic().lifetime().hits()).isEqualTo(23);
    assertThat(summary.traffic().lifetime().future()).isZero();
    assertThat(summary.traffic().time().getEpochSecond()).isEqualTo(1_000_003L);
    assertThat(m.secondsCompleted()).isLessThan(40); // not 1 million
  }

  @Test
  void relativeRuleAlertsOnASpikeAboveTheBaselineOnly() {
    Monitor m = monitor(true, 10, 10, 3, AlertRule.RELATIVE);
    for (long s = 0; s < 100; s++) {
      m.accept(lines(1_000 + s, 5)); // steady 5/s: high, but it is the baseline
    }
    assertThat(events).isEmpty();
    for (long s = 100; s < 110; s++) {
      m.accept(lines(1_000 + s, 20)); // 20/s for 10 s: 15 above a ~6/s lifetime average
    }
    m.finish();
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).startsWith("High traffic generated an alert - hits = ");
  }

  @Test
  void malformedLinesAreCountedAndTheFirstFewQuoted() {
    Monitor m = monitor(true, 10, 10, 10, AlertRule.ABSOLUTE);
    m.accept(Batches.of("x.log", 7, List.of("junk", "5 /a 200", "", "junk\u001b[2J", "more")));
    m.finish();
    assertThat(summary.traffic().lifetime().malformedTotal()).isEqualTo(4);
    assertThat(summary.traffic().lifetime().malformed())
        .containsEntry(MalformedReason.EMPTY, 1L)
        .containsEntry(MalformedReason.BAD_TIMESTAMP, 3L);
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0)).isEqualTo("malformed line x.log:7 (bad or missing [timestamp]): junk");
    assertThat(notes.get(1)).contains("x.log:9").contains("further malformed lines are counted");
  }

  @Test
  void publishShowsLinesOfTheCurrentSecondInTheLifetimeTotalsWithoutCompletingIt() {
    Monitor m = monitor(false, 10, 10, 1, AlertRule.ABSOLUTE, true);
    m.startAt(1_000);
    m.accept(lines(1_000, 30)); // 3/s over the window, but second 1000 has not completed
    m.publish();
    assertThat(m.latest().traffic().lifetime().hits()).isEqualTo(30);
    assertThat(m.latest().traffic().window().hits()).isZero();
    assertThat(events).isEmpty();
    assertThat(reports).isEmpty();
    m.tick(1_001);
    assertThat(m.latest().traffic().window().hits()).isEqualTo(30);
    assertThat(events).hasSize(1);
  }

  @Test
  void publishDoesNothingWithoutLiveViews() {
    Monitor m = monitor(false, 10, 10, 1, AlertRule.ABSOLUTE);
    m.startAt(1_000);
    m.accept(lines(1_000, 3));
    m.publish();
    assertThat(m.latest()).isNull();
  }
}
