package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.present.Units;
import dev.logmon.source.SourceStatus;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dashboard's tables and one-line panels: sections, statuses, hosts, methods, sources. */
final class Panels {
  /** Columns right of a section name: hits, share and 5xx count. */
  private static final int NUMBERS = 21;

  private Panels() {}

  /** A top-sections table: a title row, then up to {@code rows} sections, names cut to fit. */
  static void sections(
      TextGraphics g, int col, int row, int width, int rows, String title, List<SectionStat> s) {
    int name = Math.max(4, width - NUMBERS);
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, col, row, width, Cells.left(title, name) + "   hits  share   5xx");
    g.disableModifiers(SGR.BOLD);
    if (s.isEmpty()) {
      Cells.put(g, col, row + 1, width, "(no traffic)");
      return;
    }
    for (int i = 0; i < Math.min(rows, s.size()); i++) {
      SectionStat x = s.get(i);
      String numbers =
          String.format(
              Locale.ROOT, " %6d %6s %5d", x.hits(), Units.percent(x.share()), x.serverErrors());
      Cells.put(g, col, row + 1 + i, width, Cells.left(x.section(), name) + numbers);
      if (x.serverErrors() > 0) {
        // Redraw just the 5xx column in red; it starts after " hits share".
        int at = name + 14;
        String errors = String.format(Locale.ROOT, " %5d", x.serverErrors());
        Cells.put(g, col + at, row + 1 + i, width - at, errors, TextColor.ANSI.RED);
      }
    }
  }

  /** Status classes of the window, then the top codes, then the error share (cut first). */
  static String statuses(WindowStats w) {
    StatusClasses c = w.statusClasses();
    return "2xx "
        + c.success()
        + "  3xx "
        + c.redirect()
        + "  4xx "
        + c.clientError()
        + "  5xx "
        + c.serverError()
        + (c.informational() + c.other() > 0 ? "  other " + (c.informational() + c.other()) : "")
        + "  | codes "
        + counts(w.topStatuses())
        + "  | errors "
        + Units.percent(c.errorRate());
  }

  /** Top hosts by bytes sent, e.g. {@code 10.0.0.1 1.5 MiB (12)}. */
  static String hosts(List<HostStat> h) {
    if (h.isEmpty()) {
      return "-";
    }
    return h.stream()
        .map(x -> x.host() + " " + Units.bytes(x.bytes()) + " (" + x.hits() + ")")
        .collect(Collectors.joining(", "));
  }

  /** Keys with counts, e.g. {@code GET 90, POST 10}. */
  static String counts(List<Count> c) {
    if (c.isEmpty()) {
      return "-";
    }
    return c.stream().map(x -> x.key() + " " + x.count()).collect(Collectors.joining(", "));
  }

  /** What follows a watched file's state: lines read, bytes, trouble counters when non-zero. */
  static String source(SourceStatus s) {
    StringBuilder b = new StringBuilder();
    b.append("  ").append(s.lines()).append(" lines  ");
    b.append(Units.bytes(s.bytes()));
    if (s.rotations() + s.truncations() + s.oversizeLines() + s.readErrors() > 0) {
      b.append("  rot ").append(s.rotations());
      b.append(" trunc ").append(s.truncations());
      b.append(" oversize ").append(s.oversizeLines());
      b.append(" errors ").append(s.readErrors());
    }
    if (s.lag() != SourceStatus.NO_LAG) {
      b.append("  lag ").append(s.lag());
    }
    if (s.dropped() > 0) {
      b.append("  dropped ").append(s.dropped());
    }
    if (s.rejectedTotal() > 0) {
      b.append("  rejected ").append(s.rejectedTotal());
    }
    if (s.lastError() != null) {
      b.append("  (").append(s.lastError()).append(')');
    }
    return b.toString();
  }

  /** The colour of a source's state word: trouble red, waiting yellow, the rest green. */
  static TextColor stateColor(String state) {
    switch (state) {
      case "error":
        return TextColor.ANSI.RED;
      case "waiting":
      case "revoked":
      case "rotated":
      case "not_opened":
      case "stopped":
        return TextColor.ANSI.YELLOW;
      default:
        return TextColor.ANSI.GREEN;
    }
  }
}
