package dev.logmon.present.tui;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The terminal the dashboard draws on and reads keys from: standard output, when it is a terminal,
 * and the process's controlling terminal ({@code /dev/tty}) for keys, as {@code less} and GoAccess
 * do, so that {@code kubectl logs -f web | logmon -} gets the dashboard while the log comes in on
 * standard input. Stateless.
 */
final class ControllingTerminal {
  static final Path TTY = Path.of("/dev/tty");

  private ControllingTerminal() {}

  /** Whether the dashboard can run: standard output is a terminal and keys can be read. */
  static boolean available() {
    if (!stdoutIsTerminal()) {
      return false;
    }
    try {
      keys().close(); // opened only to learn that it can be
      return true;
    } catch (IOException e) {
      return false; // no controlling terminal (a daemon, setsid)
    }
  }

  /** The controlling terminal, opened for reading keys. */
  static InputStream keys() throws IOException {
    return new FileInputStream(TTY.toFile());
  }

  /**
   * Whether file descriptor 1 is a terminal. Java 17 cannot ask isatty(1) directly; Linux names the
   * descriptor's file in /proc. Elsewhere {@code System.console()}, which also needs standard input
   * to be a terminal, is the best answer there is.
   */
  static boolean stdoutIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }
}
