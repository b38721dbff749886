package dev.logmon.present.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

/** Key bindings, one key at a time, without a terminal. */
class DashboardStateTest {
  private static final DashboardState START = DashboardState.INITIAL;

  @Test
  void qEscAndCtrlCQuit() {
    assertThat(START.on(key('q'), 5).quit()).isTrue();
    assertThat(START.on(key('Q'), 5).quit()).isTrue();
    assertThat(START.on(new KeyStroke(KeyType.Escape), 5).quit()).isTrue();
    assertThat(START.on(new KeyStroke('c', true, false), 5).quit()).isTrue();
    assertThat(START.on(new KeyStroke(KeyType.EOF), 5).quit()).isTrue();
    assertThat(START.on(key('c'), 5).quit()).isFalse();
  }

  @Test
  void pTogglesPauseAndQuestionMarkTogglesHelp() {
    DashboardState paused = START.on(key('p'), 5);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.on(key('p'), 5).paused()).isFalse();
    DashboardState help = START.on(key('?'), 5);
    assertThat(help.help()).isTrue();
    assertThat(help.on(key('?'), 5).help()).isFalse();
    // Esc closes the help first rather than quitting from under it.
    DashboardState closed = help.on(new KeyStroke(KeyType.Escape), 5);
    assertThat(closed.help()).isFalse();
    assertThat(closed.quit()).isFalse();
  }

  @Test
  void arrowsAndPagesScrollTheHistoryWithinBounds() {
    DashboardState s = START.on(new KeyStroke(KeyType.ArrowDown), 5);
    assertThat(s.scroll()).isEqualTo(1);
    s = s.on(new KeyStroke(KeyType.PageDown), 5);
    assertThat(s.scroll()).isEqualTo(6);
    s = s.on(new KeyStroke(KeyType.PageUp), 5).on(new KeyStroke(KeyType.ArrowUp), 5);
    assertThat(s.scroll()).isZero();
    assertThat(s.on(new KeyStroke(KeyType.ArrowUp), 5).scroll()).isZero();
    DashboardState end = s.on(new KeyStroke(KeyType.End), 5).on(new KeyStroke(KeyType.PageDown), 5);
    assertThat(end.scroll()).isEqualTo(Integer.MAX_VALUE);
    assertThat(end.clamp(26).scroll()).isEqualTo(26);
    assertThat(end.on(new KeyStroke(KeyType.Home), 5).scroll()).isZero();
  }

  private static KeyStroke key(char c) {
    return new KeyStroke(c, false, false);
  }
}
