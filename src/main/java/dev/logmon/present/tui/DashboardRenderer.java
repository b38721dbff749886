package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.alert.AlertState;
import dev.logmon.present.MonitorView;
import dev.logmon.present.SourceView;
import dev.logmon.present.Units;
import java.util.List;

/**
 * Draws one whole dashboard frame: a pure function of the view, the graphics' size and the user's
 * state, so the same call serves the live screen and tests on a virtual terminal.
 *
 * <p>Rows from the top: title, rates, alert banner, chart and its axis, two section tables (or, on
 * a small terminal after {@code b}, the breakdown tables), breakdown panels (on a terminal of
 * {@value #LARGE_ROWS} rows or more), latency (only for a log with durations), status lines, top
 * vhosts (only for a log with them), watched files, alert history, and a footer with notes or key
 * hints. Extra height goes to the chart and the history; every row is cut to the width, never
 * wrapped.
 */
final class DashboardRenderer {
  /** How a frame used the screen, for scrolling. */
  record Frame(int historyPage, int maxScroll) {}

  /** Rows from which the breakdowns get panels of their own. */
  static final int LARGE_ROWS = 40;

  private DashboardRenderer() {}

  /** Draws the frame; {@code view} is null until the monitor publishes its first second. */
  static Frame render(TextGraphics g, MonitorView view, DashboardState ui, List<String> notes) {
    int w = g.getSize().getColumns();
    int h = g.getSize().getRows();
    g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
    g.clearModifiers();
    g.fill(' ');
    title(g, view, ui, w);
    Frame frame = new Frame(0, 0);
    if (view == null) {
      Cells.put(g, 1, 2, w - 1, "waiting for the first complete second of traffic...");
    } else {
      frame = body(g, view, ui, w, h);
    }
    footer(g, notes, w, h - 1);
    if (ui.help()) {
      HelpBox.draw(g);
    }
    return frame;
  }

  private static Frame body(TextGraphics g, MonitorView view, DashboardState ui, int w, int h) {
    TrafficSnapshot t = view.traffic();
    rates(g, t, view.windowSeconds(), w);
    banner(g, view, w);
    int chartRows = Math.max(3, Math.min(14, (h - 4) / 4));
    TrafficChart.draw(g, 3, chartRows, w, t.window().hitsPerSecond(), view.alert().threshold());
    int row = 3 + chartRows + 1;
    int left = h - 1 - row;
    List<SourceView> sources = view.sources();
    int sourceRows = Math.max(1, Math.min(sources.size(), left / 8));
    LatencySnapshot latency = view.latency();
    int vhostRows = latency.windowVhosts().isEmpty() ? 0 : 1;
    int infoRows = 3 + vhostRows + sourceRows;
    int most =
        Math.max(1, Math.max(t.frame().topSections().size(), t.window().topSections().size()));
    // Sections give way first (to latency, then to a history of a title and two events); without
    // durations or vhosts both extra terms are 0 and the layout is the one of a plain log.
    int room = left - infoRows - 1 - 3;
    // A large terminal gets a row of breakdown panels under the sections; a small one shows them
    // in the sections' place once 'b' asks for them.
    boolean breakdowns = view.breakdowns().counted();
    int spare = (room - most) / 2;
    int breakdownRows = breakdowns && h >= LARGE_ROWS && spare >= 3 ? Math.min(8, spare) : 0;
    room -= breakdownRows;
    int latencyRows = LatencyPanel.rows(latency, w, room - most);
    int sectionRows = Math.max(1, Math.min(most, room - latencyRows));
    String win = Units.duration(view.windowSeconds());
    if (breakdowns && breakdownRows == 0 && ui.breakdown() > 0) {
      BreakdownPanels.draw(g, row, sectionRows + 1, w, view.breakdowns(), ui.breakdown() - 1);
    } else if (w >= 60) {
      int half = (w - 2) / 2;
      Panels.sections(g, 0, row, half, sectionRows, "Sections, last 10s", t.frame().topSections());
      Panels.sections(
          g,
          half + 2,
          row,
          w - half - 2,
          sectionRows,
          "Sections, last " + win,
          t.window().topSections());
    } else {
      Panels.sections(g, 0, row, w, sectionRows, "Sections, last " + win, t.window().topSections());
    }
    row += sectionRows + 1;
    if (breakdownRows > 1) {
      int first = Math.max(0, ui.breakdown() - 1);
      BreakdownPanels.draw(g, row, breakdownRows - 1, w, view.breakdowns(), first);
      row += breakdownRows;
    }
    if (latencyRows > 0) {
      LatencyPanel.draw(g, row, latencyRows, w, latency, win, view.latencyAlertActive());
      row += latencyRows;
    }
    WindowStats win2 = t.window();
    label(g, row++, w, "Status " + win, Panels.statuses(win2));
    label(g, row++, w, "Bytes " + win, Panels.hosts(win2.topHosts()));
    label(
        g,
        row++,
        w,
        "Methods",
        Panels.counts(win2.methods())
            + "  | clients "
            + win2.uniqueClients()
            + " ("
            + t.frame().uniqueClients()
            + " in 10s)  | "
            + Units.bytes(win2.bytes()));
    if (vhostRows > 0) {
      label(g, row++, w, "Vhosts " + win, Panels.counts(latency.windowVhosts()));
    }
    for (int i = 0; i < sourceRows; i++) {
      int more = i == sourceRows - 1 ? sources.size() - sourceRows : 0;
      source(g, row++, w, i < sources.size() ? sources.get(i) : null, more);
    }
    int historyRows = h - 1 - row;
    int max = HistoryPane.draw(g, row, historyRows, w, view.alert().history(), ui.scroll());
    return new Frame(Math.max(1, historyRows - 1), max);
  }

  private static void title(TextGraphics g, MonitorView view, DashboardState ui, int w) {
    Cells.band(g, 0, TextColor.ANSI.BLUE);
    g.setForegroundColor(TextColor.ANSI.WHITE);
    g.enableModifiers(SGR.BOLD);
    String time = view == null ? "--" : Units.time(view.traffic());
    String head = " logmon  " + time + "  ";
    Cells.put(g, 0, 0, w, head);
    int at = head.length();
    if (view != null) {
      AlertState a = view.alert();
      String state = a.active() ? " ALERT " : " OK ";
      g.setBackgroundColor(a.active() ? TextColor.ANSI.RED : TextColor.ANSI.GREEN);
      Cells.put(g, at, 0, w - at, state);
      g.setBackgroundColor(TextColor.ANSI.BLUE);
      at += state.length();
    }
    if (ui.paused()) {
      g.setBackgroundColor(TextColor.ANSI.YELLOW);
      g.setForegroundColor(TextColor.ANSI.BLACK);
      Cells.put(g, at + 1, 0, w - at - 1, " PAUSED ");
      g.setBackgroundColor(TextColor.ANSI.BLUE);
      g.setForegroundColor(TextColor.ANSI.WHITE);
      at += 9;
    }
    if (view != null) {
      AlertState a = view.alert();
      String rule =
          "  threshold "
              + (a.rule() == AlertRule.RELATIVE ? "lifetime +" : "")
              + Units.rate(a.threshold())
              + " hits/s over "
              + Units.duration(view.windowSeconds());
      Cells.put(g, at, 0, w - at, rule);
    }
    g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
    g.disableModifiers(SGR.BOLD);
  }

  private static void rates(TextGraphics g, TrafficSnapshot t, int windowSeconds, int w) {
    String text =
        "hits/s  10s "
            + Units.rate(t.frame().rate())
            + "  "
            + Units.duration(windowSeconds)
            + " "
            + Units.rate(t.window().rate())
            + "  lifetime "
            + Units.rate(t.lifetime().rate())
            + "  | hits "
            + t.lifetime().hits()
            + "  malformed "
            + t.lifetime().malformedTotal()
            + (t.lifetime().filtered().isEmpty()
                ? ""
                : "  filtered " + t.lifetime().filteredTotal())
            + "  late "
            + t.lifetime().late()
            + (t.lifetime().future() == 0 ? "" : "  future " + t.lifetime().future());
    Cells.put(g, 1, 1, w - 1, text);
  }

  private static void banner(TextGraphics g, MonitorView view, int w) {
    AlertState a = view.alert();
    if (a.active()) {
      Cells.band(g, 2, TextColor.ANSI.RED);
      g.setForegroundColor(TextColor.ANSI.WHITE);
      g.enableModifiers(SGR.BOLD);
      Cells.put(g, 1, 2, w - 1, "ALERT  " + lastRaised(a, w - 8));
      g.disableModifiers(SGR.BOLD);
      g.setBackgroundColor(TextColor.ANSI.DEFAULT);
      g.setForegroundColor(TextColor.ANSI.DEFAULT);
    } else {
      String text =
          "OK  "
              + Units.duration(view.windowSeconds())
              + " average "
              + Units.rate(view.traffic().window().rate())
              + " hits/s, at or below the threshold "
              + Units.rate(a.threshold());
      Cells.put(g, 1, 2, w - 1, text, TextColor.ANSI.GREEN);
    }
  }

  /** The message of the alert in force, shortened so its value and time always show. */
  private static String lastRaised(AlertState a, int width) {
    List<AlertEvent> history = a.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof AlertEvent.Raised r) {
        String m = r.message();
        return m.length() <= width
            ? m
            : "hits = "
                + Units.rate(r.value())
                + " (> "
                + Units.rate(a.threshold())
                + "), triggered at "
                + r.formattedTime();
      }
    }
    return "High traffic";
  }

  private static void label(TextGraphics g, int row, int w, String label, String text) {
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, 0, row, 11, label);
    g.disableModifiers(SGR.BOLD);
    Cells.put(g, 11, row, w - 11, text);
  }

  /** One watched file; the last row also says how many more did not fit. */
  private static void source(TextGraphics g, int row, int w, SourceView s, int more) {
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, 0, row, 11, "File");
    g.disableModifiers(SGR.BOLD);
    if (s == null) {
      Cells.put(g, 11, row, w - 11, "(none read yet)");
      return;
    }
    int name = Math.max(8, Math.min(40, w / 3));
    Cells.put(g, 11, row, name, Cells.fitEnd(s.status().name(), name));
    Cells.put(g, 12 + name, row, w - 12 - name, s.state(), Panels.stateColor(s.state()));
    int at = 12 + name + s.state().length();
    String rest = Panels.source(s.status()) + (more > 0 ? "  (+" + more + " more files)" : "");
    Cells.put(g, at, row, w - at, rest);
  }

  private static void footer(TextGraphics g, List<String> notes, int w, int row) {
    if (notes.isEmpty()) {
      Cells.put(g, 1, row, w - 1, "q quit  p pause  ? help  Up/Down PgUp/PgDn scroll alerts");
      return;
    }
    String more = notes.size() > 1 ? " (" + notes.size() + " notes, all printed on exit)" : "";
    Cells.put(
        g, 1, row, w - 1, "note: " + notes.get(notes.size() - 1) + more, TextColor.ANSI.YELLOW);
  }
}
