package dev.logmon.present.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.present.Units;
import java.util.List;

/**
 * A bar chart of hits per second across the alert window, newest at the right edge, with the alert
 * threshold drawn as a line of {@code -}.
 *
 * <p>When the window has more seconds than the chart has columns, each column shows the average
 * hits/s of several seconds, so the chart and the alert speak the same unit. Bars above the
 * threshold are red, the others green. Plain ASCII, so it reads the same in any locale.
 */
final class TrafficChart {
  /** Columns taken by the y-axis labels, e.g. {@code "thr 10.0 "}. */
  static final int LABEL = 10;

  private TrafficChart() {}

  /**
   * Draws the chart in {@code rows} rows from {@code top}, plus one axis row below them.
   *
   * @param perSecond hits of each second of the window, oldest first
   */
  static void draw(
      TextGraphics g, int top, int rows, int width, List<Long> perSecond, double threshold) {
    int plot = width - LABEL;
    if (rows < 1 || plot < 4) {
      return;
    }
    double[] cols = columns(perSecond, plot);
    double max = threshold * 1.25;
    for (double v : cols) {
      max = Math.max(max, v);
    }
    max = Math.max(1, Math.ceil(max));
    int thresholdRow =
        Math.max(0, Math.min(rows - 1, (int) Math.round(threshold / max * rows) - 1));
    int left = width - cols.length;
    for (int r = 0; r < rows; r++) {
      int y = top + rows - 1 - r;
      String label = r == rows - 1 ? Cells.shortRate(max) : r == 0 ? "0" : "";
      if (r == thresholdRow) {
        label = "thr " + Cells.shortRate(threshold);
      }
      Cells.put(g, 0, y, LABEL, Cells.right(label, LABEL - 2) + " |");
      for (int x = 0; x < cols.length; x++) {
        long height = bar(cols[x], max, rows);
        if (r < height) {
          TextColor c = cols[x] > threshold ? TextColor.ANSI.RED : TextColor.ANSI.GREEN;
          Cells.put(g, left + x, y, 1, "#", c);
        } else if (r == thresholdRow) {
          Cells.put(g, left + x, y, 1, "-", TextColor.ANSI.YELLOW);
        }
      }
      if (r == thresholdRow) {
        for (int x = LABEL; x < left; x++) {
          Cells.put(g, x, y, 1, "-", TextColor.ANSI.YELLOW);
        }
      }
    }
    String scale = scale(perSecond.size(), plot);
    String axis = Cells.left("-" + Units.duration(perSecond.size()), (plot - scale.length()) / 2);
    axis += scale;
    Cells.put(g, LABEL, top + rows, plot, Cells.left(axis, plot - 3) + "now");
  }

  /**
   * Hits/s per column, newest column last: a short window is stretched to whole columns per second,
   * a long one is squeezed into averages of several seconds per column.
   */
  static double[] columns(List<Long> perSecond, int plot) {
    int n = perSecond.size();
    if (n == 0) {
      return new double[0];
    }
    if (n <= plot) {
      int wide = plot / n;
      double[] cols = new double[n * wide];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = perSecond.get(i / wide);
      }
      return cols;
    }
    int k = (n + plot - 1) / plot;
    int count = (n + k - 1) / k;
    double[] cols = new double[count];
    for (int c = 0; c < count; c++) {
      // Buckets are cut from the newest end, so the right edge is always exactly "now".
      int to = n - (count - 1 - c) * k;
      int from = Math.max(0, to - k);
      long sum = 0;
      for (int i = from; i < to; i++) {
        sum += perSecond.get(i);
      }
      cols[c] = (double) sum / (to - from);
    }
    return cols;
  }

  /** How the axis explains the columns. */
  static String scale(int seconds, int plot) {
    if (seconds > plot) {
      return "1 column = avg of " + (seconds + plot - 1) / plot + " s";
    }
    int wide = seconds == 0 ? 1 : plot / seconds;
    return wide == 1 ? "1 column = 1 s" : "1 s = " + wide + " columns";
  }

  /** Rows a value fills: rounded, and at least one for any traffic at all. */
  private static long bar(double v, double max, int rows) {
    long h = Math.round(v / max * rows);
    return v > 0 && h == 0 ? 1 : Math.min(h, rows);
  }
}
