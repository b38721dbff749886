package dev.logmon.present.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.PlainPresenter;
import dev.logmon.present.Presenter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full-screen terminal dashboard: the pipeline stores views here, and the dashboard's own
 * thread draws the latest one at least once a second and handles keys.
 *
 * <p>Thread-safety: presenter calls only publish an immutable view through an {@link
 * AtomicReference}; notes may arrive from any thread and are kept under their own lock; the screen
 * and the user's {@link DashboardState} belong to whoever holds this object's monitor ({@link
 * #step} on the dashboard thread, {@link #restore} from the closing thread). After {@link #restore}
 * the terminal is exactly as it was: main screen, cursor shown, cooked mode; notes held back while
 * the screen was up then go to stderr, and {@link #close} prints the summary as plain text.
 */
public final class TerminalDashboard implements Presenter {
  /** Time between frames: four a second, so the clock never lags by a whole second. */
  static final long FRAME_MILLIS = 250;

  /** Time between looks at the keyboard, so a key answers well within a frame. */
  private static final long KEY_POLL_MILLIS = 40;

  private final Object lock;
  private TerminalScreen screen;
  private final PrintStream out;
  private final PrintStream err;
  private final AtomicReference<MonitorView> latest = new AtomicReference<>();
  private final HeldNotes notes = new HeldNotes();
  private final CountDownLatch dismissed = new CountDownLatch(1);
  private volatile Runnable onQuit = () -> {};
  private volatile MonitorView summary;
  private DashboardState state = DashboardState.INITIAL;
  private MonitorView shown;
  private int page = 1;
  private boolean started;
  private boolean restored;
  private boolean leftScreen;
  private boolean summaryPrinted;

  TerminalDashboard(TerminalScreen screen, PrintStream out, PrintStream err) {
    this(new Object(), out, err);
    this.screen = screen;
  }

  private TerminalDashboard(Object lock, PrintStream out, PrintStream err) {
    this.lock = lock;
    this.out = out;
    this.err = err;
  }

  /**
   * Whether the dashboard can open here: standard output is a terminal and the process has a
   * controlling terminal to read keys from (standard input may be a pipe).
   */
  public static boolean available() {
    return ControllingTerminal.available();
  }

  /**
   * Opens the dashboard on the process's terminal ({@code out}, with keys from the controlling
   * terminal) and starts drawing.
   */
  public static Presenter open(PrintStream out) {
    if (!available()) {
      throw new IllegalStateException("the dashboard needs standard output to be a terminal");
    }
    try {
      Object lock = new Object();
      TerminalDashboard d = new TerminalDashboard(lock, out, System.err);
      Terminal t =
          new GuardedUnixTerminal(
              ControllingTerminal.keys(), out, Charset.defaultCharset(), lock, d::stopDrawing);
      d.screen = new TerminalScreen(t);
      d.start();
      Thread th = new Thread(d::loop, "logmon-dashboard");
      th.setDaemon(true);
      th.start();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal dashboard: " + e.getMessage(), e);
    }
  }

  /** Takes over the screen: alternate screen, no cursor. */
  void start() throws IOException {
    synchronized (lock) {
      screen.startScreen();
      screen.setCursorPosition(null);
      started = true;
    }
  }

  @Override
  public void report(MonitorView view) {
    latest.set(view);
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {
    latest.set(view);
  }

  @Override
  public void tick(MonitorView view) {
    latest.set(view);
  }

  @Override
  public void summary(MonitorView view) {
    latest.set(view);
    summary = view;
  }

  @Override
  public boolean note(String message) {
    return notes.add(message);
  }

  @Override
  public void onQuit(Runnable quit) {
    this.onQuit = quit;
  }

  @Override
  public void awaitDismissal() throws InterruptedException {
    dismissed.await();
  }

  /** Restores the terminal, then prints held-back notes and the summary on plain output. */
  @Override
  public void close() {
    restore();
    dismissed.countDown();
    MonitorView s = summary;
    synchronized (lock) {
      if (s == null || summaryPrinted) {
        return;
      }
      summaryPrinted = true;
    }
    new PlainPresenter(out).summary(s);
  }

  /**
   * Handles the keys waiting, and draws a frame when asked to or when a key or a resize changed
   * something; returns false once the dashboard is closed. The dashboard thread calls it every few
   * milliseconds; tests call it directly.
   */
  boolean step(boolean frame) throws IOException {
    synchronized (lock) {
      return stepLocked(frame);
    }
  }

  private boolean stepLocked(boolean frame) throws IOException {
    if (restored || leftScreen || !started) {
      return false;
    }
    boolean changed = false;
    for (KeyStroke k = screen.pollInput(); k != null; k = screen.pollInput()) {
      DashboardState next = state.on(k, page);
      if (next.paused() && !state.paused()) {
        shown = latest.get();
      }
      changed |= !next.equals(state);
      state = next;
      if (state.quit()) {
        quit();
        return false;
      }
    }
    // After a resize the terminal's own cells no longer match what was last drawn (it may have
    // cut, kept or reflowed them, and a frame may have been drawn at the old size in between):
    // only clearing and drawing every cell again leaves no old characters behind.
    boolean resized = screen.doResizeIfNecessary() != null;
    if (frame || changed || resized) {
      draw(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }
    return true;
  }

  /** The user's state; dashboard thread and tests only. */
  DashboardState state() {
    synchronized (lock) {
      return state;
    }
  }

  private void draw(Screen.RefreshType refresh) throws IOException {
    if (!state.paused()) {
      shown = latest.get();
    }
    DashboardRenderer.Frame f =
        DashboardRenderer.render(screen.newTextGraphics(), shown, state, notes.all());
    page = f.historyPage();
    state = state.clamp(f.maxScroll());
    screen.refresh(refresh);
  }

  /** The user quit: give the terminal back at once, then end the run. */
  private void quit() {
    restore();
    onQuit.run();
    dismissed.countDown();
  }

  /**
   * Gives the terminal back as it was (idempotent, callable from any thread); notes held back while
   * the screen was up go to stderr afterwards.
   */
  public void restore() {
    synchronized (lock) {
      if (started && !restored) {
        restored = true;
        giveBack();
      }
    }
    notes.release(err);
  }

  private void giveBack() {
    try {
      // Explicit, not left to the terminal type: the shell must get its cursor back.
      screen.getTerminal().setCursorVisible(true);
      screen.stopScreen();
      // Closing a Unix terminal restores its stty settings (echo, canonical mode, signals).
      screen.getTerminal().close();
    } catch (IllegalStateException e) {
      // Lanterna cannot unregister its own restore hook once shutdown has begun; all is restored.
    } catch (IOException | RuntimeException e) {
      note("could not restore the terminal: " + e);
    }
  }

  /** The terminal left private mode on its own (Lanterna's shutdown hook): draw no more. */
  private void stopDrawing() {
    synchronized (lock) {
      leftScreen = true;
    }
  }

  private void loop() {
    long next = 0;
    try {
      while (true) {
        long now = System.nanoTime();
        boolean frame = now - next >= 0;
        if (frame) {
          next = now + TimeUnit.MILLISECONDS.toNanos(FRAME_MILLIS);
        }
        if (!step(frame)) {
          return;
        }
        Thread.sleep(KEY_POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      note("the dashboard stopped: " + e);
      restore();
    }
  }
}
