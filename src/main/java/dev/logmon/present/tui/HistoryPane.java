package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.alert.AlertEvent;
import dev.logmon.present.Units;
import java.util.List;

/**
 * Every alert and recovery so far, newest first, scrolled by the user; the engine keeps the newest
 * 10,000 events, so the whole run stays in view.
 */
final class HistoryPane {
  private HistoryPane() {}

  /**
   * Draws a title row and up to {@code rows - 1} events from {@code scroll} (0 = newest).
   *
   * @return the largest useful scroll offset, so the caller can clamp the user's
   */
  static int draw(
      TextGraphics g, int row, int rows, int width, List<AlertEvent> history, int scroll) {
    int page = Math.max(0, rows - 1);
    int n = history.size();
    int maxScroll = Math.max(0, n - page);
    int from = Math.max(0, Math.min(scroll, maxScroll));
    if (rows < 1) {
      return maxScroll;
    }
    String range = n == 0 ? "none yet" : n == 1 ? "1 event" : n + " events";
    if (n > page && page > 0) {
      range += ", " + (from + 1) + "-" + Math.min(n, from + page) + " shown, Up/Down PgUp/PgDn";
    }
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, 0, row, width, "Alert history, newest first (" + range + ")");
    g.disableModifiers(SGR.BOLD);
    for (int i = 0; i < page && from + i < n; i++) {
      AlertEvent e = history.get(n - 1 - from - i);
      boolean raised = e.raised();
      String time = e.formattedTime() + "  ";
      Cells.put(g, 0, row + 1 + i, width, time);
      int at = time.length();
      String tag = raised ? "ALERT" : "RECOVERED";
      Cells.put(
          g, at, row + 1 + i, width - at, tag, raised ? TextColor.ANSI.RED : TextColor.ANSI.GREEN);
      at += 11;
      Cells.put(g, at, row + 1 + i, width - at, text(e, width - at));
    }
    return maxScroll;
  }

  /** The event's exact message when it fits, else its value, which must never be cut off. */
  static String text(AlertEvent e, int width) {
    String m = e.message();
    if (m.length() <= width) {
      return m;
    }
    return e.latency()
        ? "p95 = " + Units.rate(e.value()) + " ms (estimate), latency"
        : "hits = " + Units.rate(e.value());
  }
}
