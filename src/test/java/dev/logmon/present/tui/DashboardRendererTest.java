package dev.logmon.present.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard drawn from fixed views on Lanterna's virtual terminal, read back as text. */
class DashboardRendererTest {
  private static final DashboardState UI = DashboardState.INITIAL;

  @Test
  void at80x24EverythingHasARow() {
    List<String> rows = Fixtures.render(80, 24, Fixtures.calm(), UI, List.of());
    String screen = Fixtures.text(rows);
    assertThat(rows.get(0)).contains("logmon", "2026-11-26T01:50:10+00:00", " OK ");
    assertThat(rows.get(0)).contains("threshold 10.00 hits/s over 2m");
    assertThat(rows.get(1))
        .contains("10s 8.00", "2m 3.83", "lifetime 4.20", "malformed 3", "late 2");
    assertThat(rows.get(2)).contains("OK  2m average 3.83 hits/s");
    assertThat(screen)
        .contains("thr 10.0 |---", "-2m", "now", "1 column = avg of 2 s")
        .contains("Sections, last 10s", "Sections, last 2m", "/api", "1234", "50.0%")
        .contains("2xx 451", "5xx 3", "codes 200 451, 404 4, 503 3")
        .contains("10.0.0.1 1.5 MiB (120)", "GET 455, POST 5", "clients 42")
        .contains("/var/log/nginx/access.log", "following", "9879 lines")
        .contains("Alert history, newest first (none yet)");
    assertThat(rows.get(23)).contains("q quit", "p pause", "? help");
  }

  @Test
  void at160x48TheChartAndHistoryGrow() {
    MonitorView v = Fixtures.alerting(31);
    List<String> small = Fixtures.render(80, 24, v, UI, List.of());
    List<String> large = Fixtures.render(160, 48, v, UI, List.of());
    assertThat(chartRows(large)).isGreaterThan(chartRows(small));
    assertThat(historyRows(large)).isGreaterThan(historyRows(small));
    // Wide enough for the exact alert messages, and for every second of the window its own column.
    assertThat(Fixtures.text(large))
        .contains(
            "High traffic generated an alert - hits = 42.50, triggered at 2026-11-26T01:49:10")
        .contains("1 column = 1 s")
        .contains("31 events, 1-" + historyRows(large) + " shown");
    String sectionsRow = large.stream().filter(r -> r.startsWith("/api")).findFirst().orElseThrow();
    assertThat(sectionsRow.indexOf("/api", 10)).isGreaterThan(80);
  }

  @Test
  void anActiveAlertShowsARedBannerAndTheHistoryNewestFirst() {
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    List<String> rows =
        Fixtures.screenText(Fixtures.drawOn(vt, Fixtures.alerting(3), UI, List.of()));
    assertThat(rows.get(0)).contains(" ALERT ");
    assertThat(rows.get(2))
        .contains("ALERT  hits = 14.50 (> 10.00), triggered at 2026-11-26T01:49:10+00:00");
    assertThat(vt.getCharacter(0, 2).getBackgroundColor()).isEqualTo(TextColor.ANSI.RED);
    int title = indexOf(rows, "Alert history, newest first (3 events)");
    assertThat(rows.get(title + 1))
        .startsWith("2026-11-26T01:49:10+00:00  ALERT      hits = 14.50");
    assertThat(rows.get(title + 2)).startsWith("2026-11-26T01:48:10+00:00  RECOVERED  hits = 9.00");
    assertThat(rows.get(title + 3))
        .startsWith("2026-11-26T01:47:10+00:00  ALERT      hits = 12.50");
    int state = rows.get(0).indexOf(" ALERT ");
    assertThat(vt.getCharacter(state + 1, 0).getBackgroundColor()).isEqualTo(TextColor.ANSI.RED);
  }

  @Test
  void okIsGreen() {
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    List<String> rows = Fixtures.screenText(Fixtures.drawOn(vt, Fixtures.calm(), UI, List.of()));
    int state = rows.get(0).indexOf(" OK ");
    assertThat(vt.getCharacter(state + 1, 0).getBackgroundColor()).isEqualTo(TextColor.ANSI.GREEN);
  }

  @Test
  void scrollingShowsOlderEvents() {
    MonitorView v = Fixtures.alerting(31);
    List<String> rows =
        Fixtures.render(80, 24, v, new DashboardState(4, false, false, false, 0), List.of());
    int title = indexOf(rows, "Alert history");
    assertThat(rows.get(title)).contains("31 events, 5-");
    // The fifth newest of 31 events, one a minute back from 01:49:10.
    assertThat(rows.get(title + 1)).startsWith("2026-11-26T01:45:10+00:00  ALERT");
  }

  @Test
  void escapeSequencesFromTheLogShowAsText() {
    MonitorView v =
        Fixtures.withSections(Fixtures.sections("/\u001b]0;pwned\u0007", "/\u001b[2Jx", "/ok"));
    List<String> rows = Fixtures.render(120, 30, v, UI, List.of("bad line \u001b[31mred"));
    String screen = Fixtures.text(rows);
    assertThat(screen).contains("/\\x1b]0;pwned\\x07", "/\\x1b[2Jx", "bad line \\x1b[31mred");
    assertThat(screen.chars().noneMatch(c -> (c < 0x20 && c != '\n') || c == 0x7f)).isTrue();
  }

  @Test
  void aLongSectionNameIsCutNotWrapped() {
    String longName = "/" + "a".repeat(300);
    MonitorView v = Fixtures.withSections(Fixtures.sections(longName, "/next"));
    List<String> rows = Fixtures.render(80, 24, v, UI, List.of());
    int at = indexOf(rows, "/aaaa");
    String row = rows.get(at);
    assertThat(row).contains("…").contains("1234  50.0%     7");
    assertThat(row.indexOf("…")).isLessThan(row.indexOf("1234"));
    assertThat(rows.get(at + 1)).startsWith("/next");
    // The window's table still starts where it should, on the same row.
    int second = rows.get(at - 1).indexOf("Sections, last 2m");
    assertThat(second).isPositive();
    assertThat(row.substring(second)).startsWith("/aaaa");
  }

  @Test
  void aLongFileNameKeepsItsEnd() {
    String path = "/srv/" + "deep/".repeat(30) + "access.log";
    MonitorView calm = Fixtures.calm();
    MonitorView v =
        new MonitorView(
            calm.traffic(),
            calm.alert(),
            calm.windowSeconds(),
            List.of(
                SourceView.of(
                    new SourceStatus(path, SourceStatus.State.WAITING, 0, 0, 0, 0, 0, 0, null))),
            dev.logmon.aggregate.LatencySnapshot.EMPTY,
            dev.logmon.aggregate.BreakdownSnapshot.NONE,
            dev.logmon.aggregate.HistorySnapshot.EMPTY,
            false);
    String row =
        Fixtures.render(80, 24, v, UI, List.of()).stream()
            .filter(r -> r.startsWith("File"))
            .findFirst()
            .orElseThrow();
    assertThat(row).contains("File       …deep/", "deep/access.log waiting", "0 lines");
  }

  @Test
  void helpAndPauseAreShown() {
    List<String> rows =
        Fixtures.render(
            80, 24, Fixtures.calm(), new DashboardState(0, true, true, false, 0), List.of());
    assertThat(rows.get(0)).contains("PAUSED");
    assertThat(Fixtures.text(rows)).contains("Keys", "pause / resume", "PgUp  PgDn");
  }

  @Test
  void theLatestNoteReplacesTheKeyHints() {
    List<String> rows = Fixtures.render(80, 24, Fixtures.calm(), UI, List.of("first", "second"));
    assertThat(rows.get(23)).contains("note: second (2 notes, all printed on exit)");
  }

  @Test
  void beforeTheFirstViewItSaysItIsWaiting() {
    List<String> rows = Fixtures.render(80, 24, null, UI, List.of());
    assertThat(Fixtures.text(rows)).contains("logmon", "waiting for the first complete second");
  }

  @Test
  void aTinyTerminalDoesNotBreakTheLayout() {
    List<String> rows = Fixtures.render(30, 8, Fixtures.alerting(3), UI, List.of());
    assertThat(rows).hasSize(8).allSatisfy(r -> assertThat(r).hasSize(30));
  }

  @Test
  void latencyAndVhostsAt80x24TakeRowsFromTheSectionsOnly() {
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    List<String> rows =
        Fixtures.screenText(Fixtures.drawOn(vt, Fixtures.timed(List.of()), UI, List.of()));
    String screen = Fixtures.text(rows);
    int latency = indexOf(rows, "Latency    p50/p95/p99");
    assertThat(rows.get(latency))
        .isEqualTo(
            "Latency    p50/p95/p99  10s ~12.3/45.6/78.9 ms  2m ~11.0/40.2/95.1 ms  estimates");
    assertThat(rows.get(latency + 1))
        .startsWith("Slowest    p95 2m: /search ~812 ms, /api ~38.0 ms, /static ~5.0 ms");
    // Of five sections, three rows are left; a plain log's frame shows all five.
    assertThat(rows.get(latency - 1)).startsWith("/search");
    assertThat(rows.get(latency - 4)).startsWith("Sections, last 10s");
    assertThat(rows.get(latency + 2)).startsWith("Status 2m");
    assertThat(screen).contains("Vhosts 2m  example.com 1234, api.example.com 26");
    // Everything a plain log shows is still there, the history keeps its title and two rows.
    assertThat(screen)
        .contains("1 column = avg of 2 s", "Sections, last 2m", "codes 200 451", "GET 455")
        .contains("/var/log/nginx/access.log", "Alert history, newest first (none yet)");
    assertThat(indexOf(rows, "Alert history")).isEqualTo(20);
    assertThat(rows.get(23)).contains("q quit");
    assertThat(rows).hasSize(24).allSatisfy(r -> assertThat(r).hasSize(80));
    assertThat(vt.getCharacter(0, latency).getForegroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
  }

  @Test
  void at160x48LatencyGetsPerSectionTables() {
    List<String> rows = Fixtures.render(160, 48, Fixtures.timed(List.of()), UI, List.of());
    int title = indexOf(rows, "By section, 2m, ms");
    assertThat(rows.get(title - 1))
        .startsWith(
            "Latency    p50/p95/p99  10s ~12.3/45.6/78.9 ms  2m ~11.0/40.2/95.1 ms  estimates");
    assertThat(rows.get(title))
        .contains("timed   ~p50   ~p95   ~p99  Slowest, 2m, ms")
        .endsWith("timed   ~p50   ~p95   ~p99");
    assertThat(rows.get(title + 1))
        .matches("/api +900 +10\\.5 +38\\.0 +90\\.0  /search +60 +350 +812 +1250");
    assertThat(rows.get(title + 3)).startsWith("/search").contains("  812 ");
    assertThat(rows.get(title + 4)).startsWith("Status 2m");
    assertThat(Fixtures.text(rows)).contains("Vhosts 2m  example.com 1234, api.example.com 26");
    // Both section tables keep all five rows.
    assertThat(rows.get(title - 2)).startsWith("/login");
    assertThat(rows.get(title - 7)).startsWith("Sections, last 10s");
    assertThat(rows).hasSize(48).allSatisfy(r -> assertThat(r).hasSize(160));
  }

  @Test
  void aLatencyAlertTurnsTheLatencyLabelRedAndItsHistoryRowKeepsItsValue() {
    AlertEvent raised =
        new AlertEvent.LatencyRaised(812, Fixtures.TIME.minusSeconds(30), ZoneOffset.UTC);
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    List<String> rows =
        Fixtures.screenText(Fixtures.drawOn(vt, Fixtures.timed(List.of(raised)), UI, List.of()));
    int latency = indexOf(rows, "p95 ALERT  p50/p95/p99");
    assertThat(vt.getCharacter(0, latency).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
    assertThat(rows.get(0)).contains(" OK "); // the traffic alert's state is its own
    int title = indexOf(rows, "Alert history, newest first (1 event)");
    assertThat(rows.get(title + 1))
        .startsWith("2026-11-26T01:49:40+00:00  ALERT      p95 = 812.00 ms (estimate), latency");
    AlertEvent recovered =
        new AlertEvent.LatencyRecovered(20, Fixtures.TIME.minusSeconds(5), ZoneOffset.UTC);
    assertThat(Fixtures.render(80, 24, Fixtures.timed(List.of(raised, recovered)), UI, List.of()))
        .anyMatch(r -> r.startsWith("Latency    p50/p95/p99"));
  }

  @Test
  void vhostsWithoutDurationsShowNoLatencyRows() {
    List<String> rows = Fixtures.render(80, 24, Fixtures.vhostsOnly(), UI, List.of());
    String screen = Fixtures.text(rows);
    assertThat(screen)
        .contains("Vhosts 2m  example.com 99, www.example.com 7")
        .doesNotContain("Latency", "Slowest", "p50");
    assertThat(indexOf(rows, "Vhosts")).isEqualTo(indexOf(rows, "Methods") + 1);
  }

  @Test
  void aPlainLogDrawsTheSameFrameAsBefore() {
    // Only the rows a latency or vhost panel would take may differ; without either, none does.
    MonitorView calm = Fixtures.calm();
    MonitorView same =
        new MonitorView(
            calm.traffic(),
            calm.alert(),
            calm.windowSeconds(),
            calm.sources(),
            dev.logmon.aggregate.LatencySnapshot.EMPTY,
            dev.logmon.aggregate.BreakdownSnapshot.NONE,
            dev.logmon.aggregate.HistorySnapshot.EMPTY,
            false);
    for (int[] size : new int[][] {{80, 24}, {160, 48}, {30, 8}}) {
      assertThat(Fixtures.render(size[0], size[1], same, UI, List.of()))
          .isEqualTo(Fixtures.render(size[0], size[1], calm, UI, List.of()));
    }
  }

  private static int chartRows(List<String> rows) {
    return (int) rows.stream().filter(r -> r.matches("^ *(\\S+ )*\\S* \\|.*")).count();
  }

  private static int historyRows(List<String> rows) {
    return (int) rows.stream().filter(r -> r.matches("^2026-\\S+  (ALERT|RECOVERED) .*")).count();
  }

  private static int indexOf(List<String> rows, String text) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no row contains " + text + ":\n" + Fixtures.text(rows));
  }

  /**
   * Issue 15: a right-to-left override, isolates or zero-width characters in a path or a note
   * reached the terminal raw, so a section could read backwards or hide its text.
   */
  @Test
  void bidiOverridesAndZeroWidthCharactersAreDrawnEscaped() {
    MonitorView v =
        Fixtures.withSections(
            Fixtures.sections("/\u202Egnp.exe", "/ad\u200Bmin", "/\u2066shop\u2069\uFEFF"));
    List<String> rows =
        Fixtures.render(140, 40, v, UI, List.of("cannot read access\u202Egol.txt: gone"));
    String screen = Fixtures.text(rows);
    assertThat(
            screen
                .codePoints()
                .filter(dev.logmon.present.Sanitizer::isUnsafe)
                .filter(c -> c != '\n'))
        .as(screen)
        .isEmpty();
    assertThat(screen)
        .contains("/\\u202egnp.exe")
        .contains("/ad\\u200bmin")
        .contains("/\\u2066shop\\u2069\\ufeff")
        .contains("note: cannot read access\\u202egol.txt: gone");
  }
}
