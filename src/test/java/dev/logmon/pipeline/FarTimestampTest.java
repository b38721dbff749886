package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.alert.AlertRule;
import dev.logmon.pipeline.MonitorHarness.Event;
import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions of issue 13, each named after what broke: a single odd timestamp stalled, flooded or
 * skewed the monitor. Time is stepped by hand; nothing sleeps.
 */
class FarTimestampTest {
  private static final long W = 1_700_000_000L; // the wall clock at start
  private static final long Y2099 = 4_070_908_800L;
  private static final long Y2000 = 946_684_800L;

  /** Follow mode walked every second to 2099 at 100% CPU, printing a report for each interval. */
  @Test
  void aLineFrom2099InFollowModeIsFutureAndTimeStaysWithTheWallClock() {
    MonitorHarness h = new MonitorHarness(false, 30, 10, 100, AlertRule.ABSOLUTE);
    h.sources.add(
        SourceView.of(
            new SourceStatus("f.log", SourceStatus.State.FOLLOWING, 0, 0, 0, 0, 0, 0, null)));
    h.monitor.startAt(W);
    h.lines("f.log", W, 5);
    h.monitor.accept(
        dev.logmon.source.Batches.of(
            "f.log", 6, List.of(Y2099 + " /f 200", W + " /a 200", "junk")));
    for (long w = W + 1; w <= W + 20; w++) {
      h.monitor.tick(w);
      h.lines("f.log", w, 2); // written after the bad line: counted in the windows
    }
    h.monitor.finish();
    assertThat(h.lifetime().hits()).isEqualTo(5 + 2 + 40);
    assertThat(h.lifetime().future()).isEqualTo(1);
    assertThat(h.lifetime().malformedTotal()).isEqualTo(1);
    assertThat(h.summary.traffic().time().getEpochSecond()).isEqualTo(W + 20);
    assertThat(h.summary.traffic().window().hits()).isEqualTo(6 + 38); // [W - 9, W + 19]
    assertThat(h.reports).hasSize(2); // at W + 10 and W + 20, as without the line
    assertThat(h.monitor.secondsCompleted()).isEqualTo(20);
    assertThat(h.summary.sources()).singleElement().extracting(SourceView::future).isEqualTo(1L);
    assertThat(h.notes).contains("malformed line f.log:8 (bad or missing [timestamp]): junk");
    assertThat(h.notes)
        .filteredOn(n -> n.startsWith("future line"))
        .singleElement()
        .asString()
        .startsWith("future line f.log:6 (stamped 2099-01-01T00:00:00+00:00, ")
        .contains("ahead of the wall clock");
  }

  /** Future lines are quoted sanitised, the first few only; all are counted. */
  @Test
  void theFirstFewFutureLinesAreQuotedSanitised() {
    MonitorHarness h = new MonitorHarness(false, 30, 10, 100, AlertRule.ABSOLUTE);
    h.monitor.startAt(W);
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lines.add(Y2099 + " /f\u001b[2J" + i + " 200");
    }
    h.monitor.accept(dev.logmon.source.Batches.of("evil\u001b]0;x\u0007.log", 1, lines));
    h.monitor.finish();
    assertThat(h.lifetime().future()).isEqualTo(8);
    assertThat(h.notes).hasSize(LineNotes.FUTURE_SHOWN);
    assertThat(h.notes).allMatch(n -> !n.contains("\u001b") && !n.contains("\u0007"));
    assertThat(h.notes.get(0)).startsWith("future line evil\\x1b]0;x\\x07.log:1 (stamped 2099");
    assertThat(h.notes.get(4))
        .contains(":5 (")
        .endsWith("[further future lines are counted, not shown]");
  }

  /** Follow mode printed one empty report per interval of a jump of the wall clock. */
  @Test
  void aJumpOfTheWallClockGivesOneReportAndANoteWhileTheAlertStillRecovers() {
    MonitorHarness h = new MonitorHarness(false, 30, 10, 1, AlertRule.ABSOLUTE);
    h.monitor.startAt(W);
    h.lines("f.log", W, 100); // 100 / 30 s = 3.3/s: alert when second W completes
    h.monitor.tick(W + 1);
    assertThat(h.events).containsExactly(new Event(true, W + 1));
    h.monitor.tick(W + 86_400); // suspended for a day
    // The recovery comes when it would have (the window empties at W + 30), the reports do not.
    assertThat(h.events).containsExactly(new Event(true, W + 1), new Event(false, W + 31));
    assertThat(h.reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.traffic().time().getEpochSecond()).isEqualTo(W + 86_400);
              assertThat(r.traffic().window().hits()).isZero();
            });
    assertThat(h.notes).anyMatch(n -> n.contains("time jumped 86399 s"));
    assertThat(h.notes).noneMatch(n -> n.contains("behind the wall clock")); // quiet, no backlog
    assertThat(h.monitor.secondsCompleted()).isLessThanOrEqualTo(1 + 31 + 1);
    h.monitor.tick(W + 86_410);
    assertThat(h.reports).hasSize(2); // and on as usual
  }

  /** A stop during a long walk through time was ignored until the grace halt (no summary). */
  @Test
  void afterAStopRequestNoSecondIsCompletedAndTheSummaryFollows() {
    MonitorHarness h = new MonitorHarness(true, 120, 10, 1, AlertRule.ABSOLUTE);
    for (long s = W; s < W + 10; s++) {
      h.lines("r.log", s, 500);
    }
    long before = h.monitor.secondsCompleted();
    h.monitor.requestStop();
    for (long s = W + 86_400; s < W + 86_410; s++) {
      h.lines("r.log", s, 500); // a genuine gap, traffic going on: would complete 120 seconds
    }
    h.monitor.finish();
    assertThat(h.monitor.secondsCompleted()).isEqualTo(before);
    assertThat(h.summary).isNotNull();
    assertThat(h.lifetime().hits()).isEqualTo(10_000);
  }

  /** A stop asked for while time walks through a long stretch ends the walk at once. */
  @Test
  void aStopDuringAWalkThroughTimeEndsItAtOnce() {
    MonitorHarness h = new MonitorHarness(true, 3_600, 1, 1_000, AlertRule.ABSOLUTE);
    h.onReport = h.monitor::requestStop; // as a signal arriving mid-walk would
    h.lines("r.log", W, 10);
    h.lines("r.log", W + 3_000, 10); // 3,000 seconds to complete, a report each
    h.monitor.finish();
    assertThat(h.reports).hasSize(1);
    assertThat(h.monitor.secondsCompleted()).isEqualTo(1);
    assertThat(h.lifetime().hits()).isEqualTo(20);
  }

  /**
   * Replay: a 2099 line in the middle made every later line late, reported a recovery while traffic
   * went on, and stamped the summary 2099.
   */
  @Test
  void aLineFrom2099InTheMiddleOfAReplayChangesNoAlertAndNotTheEnd() {
    MonitorHarness clean = replaySpike(false);
    MonitorHarness odd = replaySpike(true);
    assertThat(clean.events).hasSize(2);
    assertThat(odd.events).isEqualTo(clean.events);
    assertThat(odd.summary.traffic().time()).isEqualTo(clean.summary.traffic().time());
    assertThat(odd.lifetime().future()).isEqualTo(1);
    assertThat(odd.lifetime().late()).isZero();
    assertThat(odd.lifetime().hits()).isEqualTo(clean.lifetime().hits() + 1);
    assertThat(odd.lifetime().rate()).isEqualTo(clean.lifetime().rate());
    assertThat(odd.notes).singleElement().asString().contains("r.log:").contains("2099");
  }

  /** 2 hits/s for a minute, 20 hits/s for a minute, 2 hits/s for two minutes. */
  private static MonitorHarness replaySpike(boolean with2099) {
    MonitorHarness h = new MonitorHarness(true, 30, 10, 10, AlertRule.ABSOLUTE);
    for (long s = 0; s < 240; s++) {
      h.lines("r.log", W + s, s >= 60 && s < 120 ? 20 : 2);
      if (with2099 && s == 90) {
        h.lines("r.log", Y2099, 1);
      }
    }
    h.monitor.finish();
    return h;
  }

  /**
   * One line from 2000 in a 3,000-line replay made the lifetime rate 0.0 (true value 20/s), and the
   * relative alert then fired where the clean log raises none.
   */
  @Test
  void aLineFrom2000NeitherZeroesTheLifetimeRateNorRaisesARelativeAlert() {
    MonitorHarness clean = replay2000(false);
    MonitorHarness odd = replay2000(true);
    assertThat(clean.events).isEmpty();
    assertThat(odd.events).isEmpty();
    assertThat(odd.lifetime().late()).isEqualTo(1);
    assertThat(odd.lifetime().rate()).isEqualTo(20.0);
    assertThat(odd.lifetime().firstSecond()).isEqualTo(W);
  }

  private static MonitorHarness replay2000(boolean with2000) {
    MonitorHarness h = new MonitorHarness(true, 30, 10, 2, AlertRule.RELATIVE);
    for (long s = 0; s < 150; s++) {
      h.lines("r.log", W + s, 20);
      if (with2000 && s == 75) {
        h.lines("r.log", Y2000, 1);
      }
    }
    h.monitor.finish();
    return h;
  }

  /**
   * Two followed files, one server's clock 2 h behind: all of its lines were late, no skew note was
   * printed, and the lifetime rate was divided by about 7,200 s.
   */
  @Test
  void aSourceTwoHoursBehindIsCorrectedAndItsTrafficRaisesTheAlert() {
    MonitorHarness h = new MonitorHarness(false, 10, 10, 5, AlertRule.ABSOLUTE);
    h.monitor.startAt(W);
    for (long w = W; w < W + 30; w++) {
      h.monitor.tick(w);
      h.lines("fine.log", w, 1);
      h.lines("slow.log", w - 7200, 9); // 10 hits/s together: above 5
    }
    h.monitor.tick(W + 30);
    h.monitor.finish();
    assertThat(h.notes)
        .contains(
            "clock skew: slow.log is stamped 7200 s behind the wall clock; its lines are counted"
                + " that much later, in the live windows");
    assertThat(h.lifetime().late()).isEqualTo(18); // its first two seconds, before the measure
    assertThat(h.summary.traffic().window().hits()).isEqualTo(100);
    // Without its first two seconds: 10k - 8 hits in the window ending W + k, above 50 at k = 6.
    assertThat(h.events).first().isEqualTo(new Event(true, W + 7));
    assertThat(h.lifetime().rate()).isBetween(9.0, 10.0);
  }
}
