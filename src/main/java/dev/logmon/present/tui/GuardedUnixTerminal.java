package dev.logmon.present.tui;

import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * A Unix terminal whose leaving of private mode waits for the frame being drawn and happens once.
 *
 * <p>Lanterna installs its own shutdown hook that leaves private mode on SIGTERM; it runs at the
 * same time as logmon's shutdown, while the dashboard thread may be half-way through a frame.
 * Taking the dashboard's frame lock here means the screen is never left mid-frame, and no frame is
 * drawn on the shell's screen afterwards ({@code onLeave} tells the dashboard to stop). Ctrl-C
 * arrives as a key ({@link CtrlCBehaviour#TRAP}) so that it, too, ends the run through the
 * dashboard.
 */
final class GuardedUnixTerminal extends UnixTerminal {
  private final Object lock;
  private final Runnable onLeave;
  private boolean inPrivateMode;

  GuardedUnixTerminal(
      InputStream in, OutputStream out, Charset charset, Object lock, Runnable onLeave)
      throws IOException {
    super(in, out, charset, CtrlCBehaviour.TRAP);
    this.lock = lock;
    this.onLeave = onLeave;
  }

  @Override
  public void enterPrivateMode() throws IOException {
    synchronized (lock) {
      super.enterPrivateMode();
      inPrivateMode = true;
    }
  }

  @Override
  public void exitPrivateMode() throws IOException {
    synchronized (lock) {
      if (!inPrivateMode) {
        return;
      }
      inPrivateMode = false;
      onLeave.run();
      super.exitPrivateMode();
    }
  }
}
