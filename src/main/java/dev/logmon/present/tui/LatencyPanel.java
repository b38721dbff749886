package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.LatencySnapshot.SectionLatency;
import dev.logmon.aggregate.LatencySnapshot.Stats;
import dev.logmon.present.Units;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dashboard's latency rows, drawn only for a log with durations: a quantiles row, then either
 * one row of the slowest sections (compact) or two tables of per-section quantiles (when there is
 * room). Every figure is a sketch estimate and says so with a {@code ~} or the word.
 */
final class LatencyPanel {
  /** Columns right of a section name: timed hits and three quantiles. */
  private static final int NUMBERS = 28;

  /** The tables need this many columns, as the section tables do, to sit side by side. */
  private static final int TABLE_WIDTH = 60;

  private LatencyPanel() {}

  /**
   * The rows the panel takes: 0 without durations, 2 when compact, 2 plus table rows when {@code
   * spare} rows (beyond those the section tables want) hold a title and three sections or all.
   */
  static int rows(LatencySnapshot l, int width, int spare) {
    if (!l.hasLatency()) {
      return 0;
    }
    Stats s = l.window();
    int n = Math.max(1, Math.max(s.sections().size(), s.slowest().size()));
    if (width < TABLE_WIDTH || spare - 2 < Math.min(n, 3)) {
      return 2;
    }
    return 2 + Math.min(n, spare - 2);
  }

  /** Draws {@code rows} rows (as {@link #rows} chose) from {@code row}. */
  static void draw(
      TextGraphics g, int row, int rows, int w, LatencySnapshot l, String win, boolean alert) {
    label(g, row, alert ? "p95 ALERT" : "Latency", alert);
    Cells.put(g, 11, row, w - 11, summary(l));
    if (rows == 2) {
      label(g, row + 1, "Slowest", false);
      Cells.put(g, 11, row + 1, w - 11, slowest(l.window().slowest(), win));
      return;
    }
    int half = (w - 2) / 2;
    List<SectionLatency> busiest = l.window().sections();
    table(g, 0, row + 1, half, rows - 2, "By section, " + win + ", ms", busiest);
    String slow = "Slowest, " + win + ", ms";
    table(g, half + 2, row + 1, w - half - 2, rows - 2, slow, l.window().slowest());
  }

  /** {@code p50/p95/p99 10s ~12.3/45.6/78.9 ms 2m ~... estimates}: the marker comes first. */
  static String summary(LatencySnapshot l) {
    return "p50/p95/p99  " + quantiles(l.frame()) + "  " + quantiles(l.window()) + "  estimates";
  }

  private static String quantiles(Stats s) {
    String label = Units.duration(s.seconds()) + " ";
    if (s.count() == 0) {
      return label + "-";
    }
    return label + "~" + ms(s.p50()) + "/" + ms(s.p95()) + "/" + ms(s.p99()) + " ms";
  }

  private static String slowest(List<SectionLatency> list, String win) {
    if (list.isEmpty()) {
      return "-";
    }
    return "p95 "
        + win
        + ": "
        + list.stream()
            .map(x -> x.section() + " ~" + ms(x.p95()) + " ms")
            .collect(Collectors.joining(", "));
  }

  private static void table(
      TextGraphics g, int col, int row, int width, int rows, String title, List<SectionLatency> s) {
    int name = Math.max(4, width - NUMBERS);
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, col, row, width, Cells.left(title, name) + "  timed   ~p50   ~p95   ~p99");
    g.disableModifiers(SGR.BOLD);
    for (int i = 0; i < Math.min(rows, s.size()); i++) {
      SectionLatency x = s.get(i);
      String numbers =
          String.format(
              Locale.ROOT, " %6d %6s %6s %6s", x.count(), ms(x.p50()), ms(x.p95()), ms(x.p99()));
      Cells.put(g, col, row + 1 + i, width, Cells.left(x.section(), name) + numbers);
    }
  }

  private static void label(TextGraphics g, int row, String text, boolean alert) {
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, 0, row, 11, text, alert ? TextColor.ANSI.RED : TextColor.ANSI.DEFAULT);
    g.disableModifiers(SGR.BOLD);
  }

  /** Microseconds as short milliseconds: one decimal below 100 ms, none above. */
  static String ms(long micros) {
    double m = micros / 1000.0;
    return m < 100 ? String.format(Locale.ROOT, "%.1f", m) : String.format(Locale.ROOT, "%.0f", m);
  }
}
