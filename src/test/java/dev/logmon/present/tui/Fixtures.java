package dev.logmon.present.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.RequestCounts;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.alert.AlertState;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.MonitorView;
import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Hand-built monitor views, fixed to the second, and a way to read what a frame drew. */
final class Fixtures {
  /** The end of the last completed second in every fixture. */
  static final Instant TIME = Instant.parse("2026-11-26T01:50:10Z");

  static final long NOW = TIME.getEpochSecond() - 1;

  private Fixtures() {}

  /** A calm view: 2 sections, 2 hosts, 1 file, no alert. */
  static MonitorView calm() {
    return view(sections("/api", "/static"), false, List.of());
  }

  /** A view with these top sections in both the 10 s frame and the window. */
  static MonitorView withSections(List<SectionStat> sections) {
    return view(sections, false, List.of());
  }

  /** Sections with falling hits: 1234, 617, ... with 5xx on the first. */
  static List<SectionStat> sections(String... names) {
    List<SectionStat> s = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      long hits = 1234 / (i + 1);
      s.add(new SectionStat(names[i], hits, 1.0 / names.length, i == 0 ? 7 : 0));
    }
    return s;
  }

  /**
   * An active alert after {@code events} crossings: raised, recovered, raised, ... (odd: active).
   */
  static MonitorView alerting(int events) {
    List<AlertEvent> history = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Instant at = TIME.minusSeconds(60L * (events - i));
      history.add(
          i % 2 == 0
              ? new AlertEvent.Raised(12.5 + i, at, ZoneOffset.UTC)
              : new AlertEvent.Recovered(9.0, at, ZoneOffset.UTC));
    }
    return view(sections("/api", "/static"), events % 2 == 1, history);
  }

  static MonitorView view(List<SectionStat> sections, boolean active, List<AlertEvent> history) {
    List<Long> perSecond = new ArrayList<>(Collections.nCopies(120, 3L));
    for (int i = 100; i < 120; i++) {
      perSecond.set(i, active ? 25L : 8L); // a recent burst
    }
    WindowStats frame = window(10, sections, perSecond.subList(110, 120));
    WindowStats window = window(120, sections, perSecond);
    LifetimeTotals life =
        new LifetimeTotals(
            9876,
            4.2,
            12_345_678,
            new StatusClasses(0, 9000, 300, 500, 76, 0),
            Map.of(MalformedReason.BAD_TIMESTAMP, 3L),
            2,
            0,
            1,
            NOW - 3600,
            sections,
            hosts(),
            List.of(new Count("GET", 9000)),
            RequestCounts.EMPTY,
            java.util.List.of());
    TrafficSnapshot t =
        new TrafficSnapshot(TIME, ZoneOffset.UTC, frame, window, frame, life, List.of(60L, 70L));
    AlertState alert = new AlertState(active, AlertRule.ABSOLUTE, 10, history);
    SourceView file =
        SourceView.of(
            new SourceStatus(
                "/var/log/nginx/access.log",
                SourceStatus.State.FOLLOWING,
                9879,
                2_000_000,
                0,
                0,
                0,
                0,
                null));
    return new MonitorView(
        t,
        alert,
        120,
        List.of(file),
        dev.logmon.aggregate.LatencySnapshot.EMPTY,
        dev.logmon.aggregate.BreakdownSnapshot.NONE,
        dev.logmon.aggregate.HistorySnapshot.EMPTY,
        false);
  }

  /**
   * A calm view of a log with durations and virtual hosts, five sections: 10 s p50/p95/p99
   * 12.3/45.6/78.9 ms, 2 m 11.0/40.2/95.1 ms, /search the slowest section, example.com the busiest
   * vhost.
   */
  static MonitorView timed(List<AlertEvent> history) {
    MonitorView v = withSections(sections("/api", "/static", "/search", "/blog", "/login"));
    List<LatencySnapshot.SectionLatency> busiest =
        List.of(
            new LatencySnapshot.SectionLatency("/api", 900, 10_500, 38_000, 90_000),
            new LatencySnapshot.SectionLatency("/static", 300, 2_100, 5_000, 8_000),
            new LatencySnapshot.SectionLatency("/search", 60, 350_000, 812_000, 1_250_000));
    List<LatencySnapshot.SectionLatency> slowest =
        List.of(busiest.get(2), busiest.get(0), busiest.get(1));
    LatencySnapshot l =
        new LatencySnapshot(
            new LatencySnapshot.Stats(10, 80, 12_300, 45_600, 78_900, busiest, slowest),
            new LatencySnapshot.Stats(120, 1260, 11_000, 40_200, 95_100, busiest, slowest),
            List.of(new Count("example.com", 70), new Count("api.example.com", 10)),
            List.of(new Count("example.com", 1234), new Count("api.example.com", 26)));
    AlertState a = v.alert();
    return new MonitorView(
        v.traffic(),
        new AlertState(a.active(), a.rule(), a.threshold(), history),
        v.windowSeconds(),
        v.sources(),
        l,
        dev.logmon.aggregate.BreakdownSnapshot.NONE,
        dev.logmon.aggregate.HistorySnapshot.EMPTY,
        false);
  }

  /** A view of a log with virtual hosts but no durations. */
  static MonitorView vhostsOnly() {
    MonitorView v = calm();
    return new MonitorView(
        v.traffic(),
        v.alert(),
        v.windowSeconds(),
        v.sources(),
        new LatencySnapshot(
            LatencySnapshot.EMPTY.frame(),
            LatencySnapshot.EMPTY.window(),
            List.of(new Count("example.com", 9)),
            List.of(new Count("example.com", 99), new Count("www.example.com", 7))),
        dev.logmon.aggregate.BreakdownSnapshot.NONE,
        dev.logmon.aggregate.HistorySnapshot.EMPTY,
        false);
  }

  private static WindowStats window(int seconds, List<SectionStat> sections, List<Long> perSecond) {
    long hits = perSecond.stream().mapToLong(Long::longValue).sum();
    return new WindowStats(
        NOW - seconds + 1,
        NOW,
        hits,
        (double) hits / seconds,
        hits * 1000,
        new StatusClasses(0, hits - 9, 2, 4, 3, 0),
        sections,
        hosts(),
        List.of(new Count("GET", hits - 5), new Count("POST", 5)),
        List.of(new Count("200", hits - 9), new Count("404", 4), new Count("503", 3)),
        42,
        1,
        perSecond);
  }

  private static List<HostStat> hosts() {
    return List.of(new HostStat("10.0.0.1", 1_572_864, 120), new HostStat("10.0.0.2", 2048, 3));
  }

  /** Renders one frame on a virtual terminal of this size and returns its rows as text. */
  static List<String> render(
      int cols, int rows, MonitorView view, DashboardState ui, List<String> notes) {
    return screenText(
        drawOn(new DefaultVirtualTerminal(new TerminalSize(cols, rows)), view, ui, notes));
  }

  /** Renders one frame on the given virtual terminal, returning it for cell-level checks. */
  static DefaultVirtualTerminal drawOn(
      DefaultVirtualTerminal vt, MonitorView view, DashboardState ui, List<String> notes) {
    try {
      TerminalScreen screen = new TerminalScreen(vt);
      screen.startScreen();
      DashboardRenderer.render(screen.newTextGraphics(), view, ui, notes);
      screen.refresh();
      return vt;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The visible rows of a virtual terminal, trailing blanks kept so widths can be checked. */
  static List<String> screenText(DefaultVirtualTerminal vt) {
    TerminalSize size = vt.getTerminalSize();
    List<String> rows = new ArrayList<>();
    for (int y = 0; y < size.getRows(); y++) {
      StringBuilder b = new StringBuilder();
      for (int x = 0; x < size.getColumns(); x++) {
        b.append(vt.getCharacter(x, y).getCharacterString());
      }
      rows.add(b.toString());
    }
    return rows;
  }

  /** The rows joined with newlines, for assertion messages and the README capture. */
  static String text(List<String> rows) {
    return String.join("\n", rows.stream().map(r -> r.stripTrailing()).toList());
  }
}
