package dev.logmon.present.tui;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * What the user has asked of the dashboard: where the alert history is scrolled to, whether the
 * display is paused, whether help shows, and whether to quit. An immutable value; keys map one
 * state to the next in {@link #on}, so the key bindings are tested without a terminal.
 *
 * @param scroll how many of the newest alert-history events are scrolled past
 * @param breakdown which breakdown table leads the breakdown panels ({@code b} steps through them);
 *     on a small terminal 0 shows the sections and any other the breakdowns in their place
 */
record DashboardState(int scroll, boolean paused, boolean help, boolean quit, int breakdown) {
  static final DashboardState INITIAL = new DashboardState(0, false, false, false, 0);

  /** Breakdown tables to step through, and 0 (sections). */
  static final int BREAKDOWN_STEPS = BreakdownPanels.TABLES + 1;

  /** The state after one key, given how many history events a page shows. */
  DashboardState on(KeyStroke k, int page) {
    switch (k.getKeyType()) {
      case Escape:
        // Esc quits, as promised; with help open it first closes the help.
        return help ? withHelp(false) : quitting();
      case EOF:
        return quitting();
      case ArrowUp:
        return scrolled(scroll - 1L);
      case ArrowDown:
        return scrolled(scroll + 1L);
      case PageUp:
        return scrolled(scroll - (long) Math.max(1, page));
      case PageDown:
        return scrolled(scroll + (long) Math.max(1, page));
      case Home:
        return scrolled(0);
      case End:
        return scrolled(Integer.MAX_VALUE);
      case Character:
        return onCharacter(k);
      default:
        return this;
    }
  }

  private DashboardState onCharacter(KeyStroke k) {
    char c = Character.toLowerCase(k.getCharacter());
    if (k.isCtrlDown()) {
      // In raw mode Ctrl-C is a key, not SIGINT: it must end the run like q.
      return c == 'c' ? quitting() : this;
    }
    switch (c) {
      case 'q':
        return quitting();
      case 'p':
      case ' ':
        return new DashboardState(scroll, !paused, help, quit, breakdown);
      case 'b':
        return new DashboardState(scroll, paused, help, quit, (breakdown + 1) % BREAKDOWN_STEPS);
      case '?':
      case 'h':
        return withHelp(!help);
      default:
        return help ? withHelp(false) : this;
    }
  }

  /** The same state with the scroll offset kept within {@code [0, max]}. */
  DashboardState clamp(int max) {
    int s = Math.max(0, Math.min(scroll, max));
    return s == scroll ? this : new DashboardState(s, paused, help, quit, breakdown);
  }

  private DashboardState scrolled(long s) {
    // Saturating: End then PgDn must not wrap around before the next render clamps the offset.
    return new DashboardState(
        (int) Math.max(0, Math.min(Integer.MAX_VALUE, s)), paused, help, quit, breakdown);
  }

  private DashboardState withHelp(boolean h) {
    return new DashboardState(scroll, paused, h, quit, breakdown);
  }

  private DashboardState quitting() {
    return new DashboardState(scroll, paused, help, true, breakdown);
  }
}
