package dev.logmon.present.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's life on a virtual terminal, stepped by hand: no thread, no sleeping. */
class TerminalDashboardTest {
  private final DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger quits = new AtomicInteger();
  private TerminalDashboard dashboard;

  @BeforeEach
  void open() throws IOException {
    dashboard =
        new TerminalDashboard(
            new TerminalScreen(vt),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    dashboard.onQuit(quits::incrementAndGet);
    dashboard.start();
  }

  @Test
  void drawsTheLatestViewAndHidesTheCursor() throws IOException {
    dashboard.tick(Fixtures.calm());
    assertThat(dashboard.step(true)).isTrue();
    assertThat(screen()).contains("Sections, last 2m");
    assertThat(vt.isCursorVisible()).isFalse();
    dashboard.alert(null, Fixtures.alerting(1));
    dashboard.step(true);
    assertThat(screen()).contains("ALERT  hits = 12.50");
  }

  /**
   * A resize left characters of the old layout on the screen: after one, every cell is drawn again,
   * so a character the terminal kept (here written behind the dashboard's back) is gone.
   */
  @Test
  void aResizeRedrawsEveryCell() throws IOException {
    dashboard.tick(Fixtures.calm());
    dashboard.step(true);
    vt.setCursorPosition(new TerminalPosition(70, 12));
    vt.putCharacter('@');
    assertThat(screen()).contains("@");
    dashboard.step(true);
    assertThat(screen()).as("a frame without a resize draws only what changed").contains("@");
    vt.setTerminalSize(new TerminalSize(100, 30));
    dashboard.step(false);
    assertThat(screen()).doesNotContain("@").contains("Sections, last 2m");
  }

  @Test
  void pauseFreezesTheViewUntilResumed() throws IOException {
    dashboard.tick(Fixtures.calm());
    dashboard.step(true);
    vt.addInput(new KeyStroke('p', false, false));
    dashboard.step(false);
    dashboard.report(Fixtures.alerting(1));
    dashboard.step(true);
    assertThat(screen()).contains("PAUSED").doesNotContain("hits = 12.50");
    vt.addInput(new KeyStroke('p', false, false));
    dashboard.step(false);
    assertThat(screen()).doesNotContain("PAUSED").contains("hits = 12.50");
  }

  @Test
  void qRestoresTheTerminalEndsTheRunAndPrintsNotesAndSummaryAfter() throws Exception {
    dashboard.tick(Fixtures.calm());
    dashboard.step(true);
    assertThat(dashboard.note("malformed line a.log:3")).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    vt.addInput(new KeyStroke('q', false, false));
    assertThat(dashboard.step(false)).isFalse();
    assertThat(quits).hasValue(1);
    assertThat(vt.isCursorVisible()).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("logmon: malformed line a.log:3\n");
    assertThat(dashboard.note("late note")).isFalse();
    dashboard.awaitDismissal(); // returns at once: the user has quit
    dashboard.summary(Fixtures.calm());
    dashboard.close();
    dashboard.close();
    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary).startsWith("Summary at 2026-11-26T01:50:10+00:00: 9876 hits");
    assertThat(summary.indexOf("Summary at")).isEqualTo(summary.lastIndexOf("Summary at"));
  }

  @Test
  void ctrlCAndEscQuitLikeQ() throws IOException {
    vt.addInput(new KeyStroke('c', true, false));
    assertThat(dashboard.step(true)).isFalse();
    assertThat(quits).hasValue(1);
    assertThat(dashboard.step(true)).isFalse();
  }

  @Test
  void closeWithoutQuitRestoresAndReleasesAWaiter() throws Exception {
    dashboard.step(true);
    dashboard.close();
    assertThat(vt.isCursorVisible()).isTrue();
    dashboard.awaitDismissal();
    assertThat(quits).hasValue(0);
  }

  @Test
  void aResizeRedrawsAtTheNewSize() throws IOException {
    dashboard.tick(Fixtures.alerting(31));
    dashboard.step(true);
    vt.setTerminalSize(new TerminalSize(160, 48));
    dashboard.step(false);
    assertThat(screen()).contains("High traffic generated an alert - hits = 42.50");
  }

  @Test
  void pageDownScrollsByWhatThePageShows() throws IOException {
    dashboard.tick(Fixtures.alerting(31));
    dashboard.step(true);
    vt.addInput(new KeyStroke(KeyType.PageDown));
    dashboard.step(false);
    int page = dashboard.state().scroll();
    assertThat(page).isPositive();
    assertThat(screen()).contains("31 events, " + (page + 1) + "-");
    vt.addInput(new KeyStroke(KeyType.End));
    dashboard.step(false);
    assertThat(dashboard.state().scroll()).isLessThan(31);
  }

  private String screen() {
    return Fixtures.text(Fixtures.screenText(vt));
  }
}
