package dev.logmon.present;

import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The breakdowns as lines of the plain summary: {@code paths /a 30, /b 12 (estimates, +-4)}. Keys
 * come from the log, so each goes through {@link Sanitizer}.
 */
final class BreakdownText {
  private static final int KEY_WIDTH = 48;
  private static final int MOST_CODES = 10;

  private BreakdownText() {}

  static void append(StringBuilder b, BreakdownSnapshot s) {
    if (!s.counted()) {
      return;
    }
    line(b, "paths      ", s.paths());
    line(b, "404 paths  ", s.notFoundPaths());
    line(b, "5xx paths  ", s.serverErrorPaths());
    BreakdownTable codes = s.statuses();
    line(
        b,
        "codes      ",
        new BreakdownTable(
            codes.rows().subList(0, Math.min(MOST_CODES, codes.rows().size())), false, 0));
    line(b, "agents     ", s.agents());
    line(b, "referrers  ", s.referrers());
    if (!s.vhostSections().rows().isEmpty()) {
      line(b, "vhost sec. ", s.vhostSections());
    }
  }

  private static void line(StringBuilder b, String label, BreakdownTable t) {
    b.append("  ").append(label).append(text(t)).append('\n');
  }

  /** A table on one line, with a note when its counts are estimates. */
  static String text(BreakdownTable t) {
    String rows = counts(t.rows(), KEY_WIDTH);
    return t.estimated() && !t.rows().isEmpty()
        ? rows + " (estimates, up to " + t.maxError() + " over)"
        : rows;
  }

  /** Keys (clipped to {@code keyWidth}, sanitised) and counts on one line, {@code -} if none. */
  static String counts(List<Count> rows, int keyWidth) {
    if (rows.isEmpty()) {
      return "-";
    }
    return rows.stream()
        .map(c -> Sanitizer.clip(c.key(), keyWidth) + " " + c.count())
        .collect(Collectors.joining(", "));
  }
}
