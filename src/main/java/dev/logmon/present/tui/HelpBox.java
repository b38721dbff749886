package dev.logmon.present.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;

/** The key help, drawn as a box over the middle of the dashboard. */
final class HelpBox {
  static final List<String> LINES =
      List.of(
          "Keys",
          "",
          "q  Esc  Ctrl-C   quit; the summary prints after",
          "p  Space         pause / resume the display",
          "Up  Down         scroll the alert history",
          "PgUp  PgDn       scroll it by a page",
          "Home  End        newest / oldest alert",
          "b                next breakdown (paths, codes...)",
          "?                close this help",
          "",
          "Rates are hits/s of log time: the last 10s,",
          "the alert window and the lifetime. The chart",
          "shows each second of the window; --- marks",
          "the threshold.");

  private HelpBox() {}

  static void draw(TextGraphics g) {
    int w = g.getSize().getColumns();
    int h = g.getSize().getRows();
    int boxW = Math.min(w, 52);
    int boxH = Math.min(h, LINES.size() + 2);
    int left = (w - boxW) / 2;
    int top = Math.max(0, (h - boxH) / 2);
    g.setBackgroundColor(TextColor.ANSI.WHITE);
    g.setForegroundColor(TextColor.ANSI.BLACK);
    String border = "+" + "-".repeat(Math.max(0, boxW - 2)) + "+";
    Cells.put(g, left, top, boxW, border);
    for (int i = 0; i < boxH - 2; i++) {
      Cells.put(g, left, top + 1 + i, boxW, "| " + Cells.left(LINES.get(i), boxW - 4) + " |");
    }
    Cells.put(g, left, top + boxH - 1, boxW, border);
    g.enableModifiers(SGR.BOLD);
    Cells.put(g, left + 2, top + 1, boxW - 4, LINES.get(0));
    g.disableModifiers(SGR.BOLD);
    g.setBackgroundColor(TextColor.ANSI.DEFAULT);
    g.setForegroundColor(TextColor.ANSI.DEFAULT);
  }
}
