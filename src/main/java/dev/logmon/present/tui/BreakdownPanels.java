package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's breakdown tables (top paths, 404 and 5xx paths, status codes, agents, referring
 * sites, sections per virtual host): side by side in a row of panels, as many as the width holds,
 * starting from the one the user stepped to with {@code b}. A table whose counts are estimates says
 * so with a {@code ~} before its title.
 */
final class BreakdownPanels {
  /** The number of tables. */
  static final int TABLES = 7;

  /** The narrowest panel: a key of 14 characters and its count. */
  static final int MIN_WIDTH = 24;

  private BreakdownPanels() {}

  /**
   * The title of breakdown {@code i}, 0 to {@link #TABLES} - 1, in {@link
   * BreakdownSnapshot#tables()} order.
   */
  static String title(int i) {
    return switch (i) {
      case 0 -> "Paths";
      case 1 -> "404 paths";
      case 2 -> "5xx paths";
      case 3 -> "Status codes";
      case 4 -> "User agents";
      case 5 -> "Referring sites";
      default -> "Vhost sections";
    };
  }

  /**
   * Draws panels from table {@code first} on, each at least {@link #MIN_WIDTH} wide, in {@code
   * rows} rows (a title and {@code rows - 1} entries) from {@code row}.
   */
  static void draw(TextGraphics g, int row, int rows, int width, BreakdownSnapshot s, int first) {
    int panels = Math.max(1, Math.min(TABLES, (width + 2) / (MIN_WIDTH + 2)));
    int panelWidth = (width - 2 * (panels - 1)) / panels;
    List<BreakdownTable> tables = s.tables();
    for (int p = 0; p < panels; p++) {
      int i = (first + p) % TABLES;
      panel(g, p * (panelWidth + 2), row, panelWidth, rows, title(i), tables.get(i));
    }
  }

  private static void panel(
      TextGraphics g, int col, int row, int width, int rows, String title, BreakdownTable t) {
    int name = Math.max(4, width - 8);
    g.enableModifiers(SGR.BOLD);
    Cells.put(
        g, col, row, width, Cells.left((t.estimated() ? "~" : "") + title, name) + "    hits");
    g.disableModifiers(SGR.BOLD);
    List<Count> r = t.rows();
    if (r.isEmpty()) {
      Cells.put(g, col, row + 1, width, "(none)");
      return;
    }
    for (int i = 0; i < Math.min(rows - 1, r.size()); i++) {
      Count c = r.get(i);
      Cells.put(
          g,
          col,
          row + 1 + i,
          width,
          Cells.left(c.key(), name) + String.format(Locale.ROOT, " %7d", c.count()));
    }
  }
}
