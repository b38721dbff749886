package dev.logmon.present.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import dev.logmon.present.MonitorView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The breakdowns on the dashboard: a row of panels on a large terminal, in the sections' place on a
 * small one once {@code b} asks, the next tables after each {@code b}, and a mark on estimates.
 */
class BreakdownPanelsTest {
  private static final BreakdownTable PATHS =
      new BreakdownTable(List.of(new Count("/a", 30), new Count("/missing", 12)), false, 0);
  private static final BreakdownTable NOT_FOUND =
      new BreakdownTable(List.of(new Count("/missing", 12)), false, 0);
  private static final BreakdownTable CODES =
      new BreakdownTable(List.of(new Count("200", 30), new Count("404", 12)), false, 0);
  private static final BreakdownTable AGENTS =
      new BreakdownTable(List.of(new Count("Googlebot", 20), new Count("Chrome", 22)), false, 0);
  private static final BreakdownTable REFERRERS =
      new BreakdownTable(List.of(new Count("www.google.com", 9)), true, 3);

  private static MonitorView view() {
    MonitorView v = Fixtures.calm();
    return new MonitorView(
        v.traffic(),
        v.alert(),
        v.windowSeconds(),
        v.sources(),
        v.latency(),
        new BreakdownSnapshot(
            PATHS, NOT_FOUND, BreakdownTable.EMPTY, CODES, AGENTS, REFERRERS, BreakdownTable.EMPTY),
        dev.logmon.aggregate.HistorySnapshot.EMPTY,
        false);
  }

  private static DashboardState after(int presses) {
    DashboardState s = DashboardState.INITIAL;
    for (int i = 0; i < presses; i++) {
      s = s.on(new com.googlecode.lanterna.input.KeyStroke('b', false, false), 10);
    }
    return s;
  }

  @Test
  void aLargeTerminalShowsPanelsOfTheirOwn() {
    String screen =
        Fixtures.text(Fixtures.render(160, 50, view(), DashboardState.INITIAL, List.of()));
    assertThat(screen)
        .contains("Sections, last 10s", "Paths", "404 paths", "5xx paths", "Status codes")
        .contains("/missing", "     12");
    assertThat(screen).contains("User agents").contains("Googlebot");
  }

  @Test
  void aSmallTerminalShowsThemInPlaceOfTheSectionsAfterB() {
    String before =
        Fixtures.text(Fixtures.render(80, 24, view(), DashboardState.INITIAL, List.of()));
    assertThat(before).contains("Sections, last 10s").doesNotContain("404 paths");
    String first = Fixtures.text(Fixtures.render(80, 24, view(), after(1), List.of()));
    assertThat(first).contains("Paths", "404 paths", "5xx paths").doesNotContain("Sections, last");
    String agents = Fixtures.text(Fixtures.render(80, 24, view(), after(5), List.of()));
    assertThat(agents).contains("User agents", "Googlebot", "~Referring sites", "www.google.com");
    // Past the last table, b comes back to the sections.
    String back =
        Fixtures.text(
            Fixtures.render(80, 24, view(), after(DashboardState.BREAKDOWN_STEPS), List.of()));
    assertThat(back).contains("Sections, last 10s");
  }

  @Test
  void withoutBreakdownsBChangesNothing() {
    MonitorView plain = Fixtures.calm();
    assertThat(Fixtures.render(80, 24, plain, after(2), List.of()))
        .isEqualTo(Fixtures.render(80, 24, plain, DashboardState.INITIAL, List.of()));
  }
}
