package dev.logmon.present.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.present.Sanitizer;
import java.util.Locale;

/** Single-line text drawing for the dashboard: nothing drawn through here ever wraps. */
final class Cells {
  private Cells() {}

  /** The text made terminal-safe and cut to {@code width} columns, ending in "…" when cut. */
  static String fit(String s, int width) {
    if (width <= 0) {
      return "";
    }
    String c = Sanitizer.clean(s);
    if (TerminalTextUtils.getColumnWidth(c) <= width) {
      return c;
    }
    return TerminalTextUtils.fitString(c, width - 1) + "…";
  }

  /** Like {@link #fit}, but cuts the start: a path's file name is the part worth keeping. */
  static String fitEnd(String s, int width) {
    String c = Sanitizer.clean(s);
    if (width <= 0 || TerminalTextUtils.getColumnWidth(c) <= width) {
      return width <= 0 ? "" : c;
    }
    int from = c.length() - (width - 1);
    while (from < c.length() && TerminalTextUtils.getColumnWidth(c.substring(from)) > width - 1) {
      from++;
    }
    return "…" + c.substring(from);
  }

  /** Draws text at a cell, cut to {@code width} columns; rows outside the graphics are skipped. */
  static void put(TextGraphics g, int col, int row, int width, String text) {
    if (width <= 0 || row < 0 || row >= g.getSize().getRows()) {
      return;
    }
    g.putString(col, row, fit(text, width));
  }

  /** Draws text in a colour, then returns to the default colours. */
  static void put(TextGraphics g, int col, int row, int width, String text, TextColor fg) {
    g.setForegroundColor(fg);
    put(g, col, row, width, text);
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
  }

  /** Fills a whole row with a background colour, for bars and banners. */
  static void band(TextGraphics g, int row, TextColor bg) {
    g.setBackgroundColor(bg);
    put(g, 0, row, g.getSize().getColumns(), " ".repeat(g.getSize().getColumns()));
  }

  /** The text right-aligned in {@code width} columns (never cut: numbers must stay whole). */
  static String right(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  /** The text left-aligned in exactly {@code width} columns, cut when longer. */
  static String left(String s, int width) {
    String f = fit(s, width);
    int w = TerminalTextUtils.getColumnWidth(f);
    return w >= width ? f : f + " ".repeat(width - w);
  }

  /** A short hits/s figure for axes: one decimal below 100, none above. */
  static String shortRate(double r) {
    return r < 100 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.0f", r);
  }
}
