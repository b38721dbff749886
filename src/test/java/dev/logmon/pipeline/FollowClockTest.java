package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Follow mode's clock rule against a hand-stepped wall clock (no test sleeps). */
class FollowClockTest {
  private static final long W = 1_700_000_000L;
  private final List<String> notes = new ArrayList<>();
  private final FollowClock clock = new FollowClock(300, 60, 300, notes::add);

  @Test
  void beforeTheWallClockIsKnownAHitKeepsItsSecond() {
    assertThat(clock.place("a.log", W + 999_999)).isEqualTo(W + 999_999);
  }

  @Test
  void aHitFarAheadOfTheWallClockIsFutureAndOneALittleAheadCountsNow() {
    clock.wall(W);
    assertThat(clock.place("a.log", W)).isEqualTo(W);
    assertThat(clock.place("a.log", W + 1)).isEqualTo(W + 1); // the wall clock's resolution
    assertThat(clock.place("a.log", W + 200)).isEqualTo(W + 1); // a fast clock: counted now
    assertThat(clock.place("a.log", W + 300)).isEqualTo(W + 1);
    assertThat(clock.place("a.log", W + 301)).isEqualTo(FollowClock.FUTURE);
    assertThat(clock.place("a.log", 4_070_908_800L)).isEqualTo(FollowClock.FUTURE); // 2099
    assertThat(clock.place("a.log", W - 50)).isEqualTo(W - 50); // behind: its own second
    assertThat(notes).isEmpty();
  }

  @Test
  void aSourceTwoHoursBehindIsMeasuredOnceAndCorrected() {
    long skew = -7200;
    for (long w = W; w < W + 2; w++) {
      clock.wall(w);
      assertThat(clock.place("slow.log", w + skew)).isEqualTo(w + skew); // not yet: late
      assertThat(clock.place("fine.log", w)).isEqualTo(w);
    }
    clock.wall(W + 2);
    assertThat(clock.place("slow.log", W + 2 + skew)).isEqualTo(W + 2); // third second: corrected
    assertThat(clock.correction("slow.log")).isEqualTo(skew);
    assertThat(clock.correction("fine.log")).isZero();
    for (long w = W + 3; w < W + 60; w++) {
      clock.wall(w);
      assertThat(clock.place("slow.log", w + skew - 1)).isEqualTo(w - 1);
    }
    assertThat(notes)
        .containsExactly(
            "note: slow.log has lines 7200 s behind the wall clock (a backlog, or a skewed server"
                + " clock); lines older than the window count toward lifetime totals only (late)",
            "clock skew: slow.log is stamped 7200 s behind the wall clock; its lines are counted"
                + " that much later, in the live windows");
  }

  @Test
  void aSourceTenMinutesAheadIsCorrectedAndItsFirstLinesAreFuture() {
    long skew = 600;
    clock.wall(W);
    assertThat(clock.place("fast.log", W + skew)).isEqualTo(FollowClock.FUTURE);
    clock.wall(W + 1);
    assertThat(clock.place("fast.log", W + 1 + skew)).isEqualTo(FollowClock.FUTURE);
    clock.wall(W + 2);
    assertThat(clock.place("fast.log", W + 2 + skew)).isEqualTo(W + 2);
    assertThat(notes).singleElement().asString().contains("fast.log is stamped 600 s ahead of");
  }

  @Test
  void aBacklogReadOverSeveralSecondsIsNotSkew() {
    // Yesterday's log read at 5,000 log seconds per wall second: far behind, but not steadily.
    long t = W - 86_400;
    for (long w = W; w < W + 10; w++) {
      clock.wall(w);
      for (int i = 0; i < 5; i++, t += 1_000) {
        assertThat(clock.place("old.log", t)).isEqualTo(t);
      }
    }
    assertThat(clock.correction("old.log")).isZero();
    assertThat(notes).singleElement().asString().startsWith("note: old.log has lines 86400 s");
  }

  @Test
  void anOccasionalOddLineBetweenNormalOnesIsNotSkew() {
    for (long w = W; w < W + 10; w++) {
      clock.wall(w);
      clock.place("a.log", w - 7200); // a bogus line every second ...
      clock.place("a.log", w); // ... between normal ones
    }
    assertThat(clock.correction("a.log")).isZero();
    assertThat(notes).noneMatch(n -> n.startsWith("clock skew"));
  }

  @Test
  void aClockSetRightAgainIsFollowed() {
    for (long w = W; w < W + 3; w++) {
      clock.wall(w);
      clock.place("a.log", w - 7200);
    }
    assertThat(clock.correction("a.log")).isEqualTo(-7200);
    for (long w = W + 3; w < W + 6; w++) {
      clock.wall(w);
      clock.place("a.log", w); // NTP fixed the server's clock
    }
    assertThat(clock.correction("a.log")).isZero();
    assertThat(notes).last().isEqualTo("clock skew: a.log is back in step with the wall clock");
  }

  @Test
  void aHostileFileNameIsSanitisedInTheNote() {
    for (long w = W; w < W + 3; w++) {
      clock.wall(w);
      clock.place("evil\u001b[2J.log", w - 7200);
    }
    assertThat(notes).hasSize(2).allMatch(n -> !n.contains("\u001b") && n.contains("evil\\x1b"));
  }
}
