package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The lifetime rate counts the hits that entered the windows from the first second that entered
 * them: lines from long ago (late) or from the future neither stretch its span nor inflate it.
 */
class LifetimeSpanTest {
  private static final long T = 1_700_000_000L;
  private final Aggregator a = new Aggregator(new AggregatorConfig(30, 10, 10, 5));

  private static LogRecord hit(long second) {
    return new LogRecord(
        "192.0.2.1",
        "-",
        second,
        0,
        "GET",
        "/a",
        "/a",
        false,
        500,
        7,
        null,
        null,
        null,
        LogRecord.NO_DURATION);
  }

  @Test
  void aLateLineFromLongAgoDoesNotStretchTheLifetime() {
    for (long s = T; s < T + 100; s++) {
      a.add(hit(s), s);
      a.add(hit(s), s);
    }
    a.add(hit(946_684_800L), 946_684_800L); // 2000
    LifetimeTotals life = a.snapshot(T + 99, ZoneOffset.UTC).lifetime();
    assertThat(life.hits()).isEqualTo(201);
    assertThat(life.late()).isEqualTo(1);
    assertThat(life.firstSecond()).isEqualTo(T);
    assertThat(life.rate()).isEqualTo(2.0);
  }

  @Test
  void aBacklogOfLateLinesDoesNotInflateTheRate() {
    a.startAt(T);
    for (int i = 0; i < 100_000; i++) {
      a.add(hit(T - 86_400), T - 86_400); // yesterday, read at start
    }
    a.advanceTo(T + 10);
    assertThat(a.lifetimeRate(T + 9)).isZero();
    assertThat(a.snapshot(T + 9, ZoneOffset.UTC).lifetime().hits()).isEqualTo(100_000);
  }

  @Test
  void aFutureLineCountsInTheLifetimeTotalsOnly() {
    a.add(hit(T), T);
    a.addFuture(hit(4_070_908_800L));
    TrafficSnapshot t = a.snapshot(T, ZoneOffset.UTC);
    assertThat(a.now()).isEqualTo(T);
    assertThat(t.lifetime().hits()).isEqualTo(2);
    assertThat(t.lifetime().future()).isEqualTo(1);
    assertThat(t.lifetime().bytes()).isEqualTo(14);
    assertThat(t.lifetime().statusClasses().serverError()).isEqualTo(2);
    assertThat(t.lifetime().topSections())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.section()).isEqualTo("/a");
              assertThat(s.hits()).isEqualTo(2);
            });
    assertThat(t.window().hits()).isEqualTo(1);
    assertThat(t.hitsPerMinute().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    assertThat(t.lifetime().rate()).isEqualTo(1.0);
  }

  @Test
  void quietFromKnowsTheNewestSecondInTheWindows() {
    a.add(hit(T), T);
    a.add(hit(T + 5), T + 5);
    a.add(hit(T - 3), T - 3); // out of order, inside the span
    a.add(hit(T - 100), T - 100); // late: not in the windows
    assertThat(a.quietFrom(T + 5)).isFalse();
    assertThat(a.quietFrom(T + 6)).isTrue();
  }

  /**
   * {@code --persist}: a run continued after a restart divides by the seconds both runs counted,
   * not by the wall time since the first started (the downtime between them is no traffic).
   */
  @Test
  void aRestartDoesNotCountTheDowntime() {
    a.startAt(T);
    for (long s = T; s < T + 100; s++) {
      a.advanceTo(s);
      a.add(hit(s), s);
      a.add(hit(s), s);
    }
    a.advanceTo(T + 100); // second T + 99 is complete: 100 seconds counted
    LifetimeState saved = a.lifetimeState();
    assertThat(saved.countedSeconds()).isEqualTo(100);

    Aggregator restarted = new Aggregator(new AggregatorConfig(30, 10, 10, 5));
    restarted.restore(saved);
    assertThat(restarted.lifetimeRate(T + 3_600)).isEqualTo(2.0); // nothing counted yet
    long start = T + 3_600; // an hour later
    restarted.startAt(start);
    for (long s = start; s < start + 100; s++) {
      restarted.advanceTo(s);
      restarted.add(hit(s), s);
      restarted.add(hit(s), s);
    }
    LifetimeTotals life = restarted.snapshot(start + 99, ZoneOffset.UTC).lifetime();
    assertThat(life.hits()).isEqualTo(400);
    assertThat(life.rate()).isEqualTo(2.0);
    restarted.advanceTo(start + 100);
    assertThat(restarted.lifetimeState().countedSeconds()).isEqualTo(200);
  }
}
