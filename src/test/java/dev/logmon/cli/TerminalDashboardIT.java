package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.logmon.it.LogmonProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real program in a real terminal: logmon runs from a shell inside a detached tmux session, the
 * test appends log lines, reads the screen with {@code capture-pane}, types keys, resizes the
 * window, and checks that the shell gets its terminal back. Needs tmux: fails without it when
 * {@code CI} is set, and is skipped otherwise. The tmux server is private to the test and keeps its
 * socket in the test's own folder.
 */
class TerminalDashboardIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  /** A private tmux server, so the test never touches the developer's own sessions. */
  private final String socket = "logmon-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void needTmux() {
    if (!tmuxInstalled()) {
      if (System.getenv("CI") != null) {
        fail("tmux is not installed; .ci/run installs it, so CI must have it");
      }
      Assumptions.abort("tmux is not installed");
    }
  }

  @AfterEach
  void killServer() throws Exception {
    run(tmuxCommand(List.of("kill-server")), true);
  }

  private String logmon(String args) {
    return LogmonProcess.javaBin() + " -XX:-UsePerfData -jar " + LogmonProcess.jar() + " " + args;
  }

  @Test
  void showsTrafficAndAnAlertThenQuitsCleanly() throws Exception {
    Path log = Files.createFile(dir.resolve("access.log"));
    Path exit = dir.resolve("exit.txt");
    Path stty = dir.resolve("stty.txt");

    tmux("new-session", "-d", "-s", "it", "-x", "120", "-y", "40", "sh");
    type("it", logmon("--window 10s --threshold 2 " + log) + "; echo EXIT=$? > " + exit);
    // Follow mode reads from the end: append only once the file is being followed.
    String screen =
        awaitScreen("it", s -> s.contains("following") && s.contains("Sections, last 10s"));
    assertThat(screen).contains("logmon", " OK ", "threshold 2.00 hits/s over 10s");

    append(log, 60);
    // The screen redraws a few times a second; wait for one that shows it all.
    screen =
        awaitScreen(
            "it",
            s ->
                s.contains("| hits 60 ")
                    && s.contains("ALERT  ")
                    && s.contains("Alert history, newest first (1 event)")
                    && s.contains("GET 60"));
    assertThat(screen).contains(" ALERT ", "/api").contains("access.log");

    tmux("send-keys", "-t", "it", "q");
    awaitFile(exit, "EXIT=0");
    screen = awaitScreen("it", s -> s.contains("Summary at"));
    assertThat(screen).contains("60 hits").doesNotContain("Sections, last 10s");
    assertThat(display("it", "#{alternate_on}")).isEqualTo("0");
    assertThat(display("it", "#{cursor_flag}")).isEqualTo("1");

    type("it", "echo shell-ok-$((6*7)); stty -a > " + stty);
    awaitScreen("it", s -> s.contains("shell-ok-42"));
    awaitFile(stty, "icanon");
    List<String> modes = List.of(Files.readString(stty).split("[\\s;]+"));
    assertThat(modes).contains("icanon", "echo", "isig").doesNotContain("-icanon", "-echo");
  }

  /**
   * Resizing the terminal left old characters mixed into the new layout. A dashboard shrunk and
   * then grown must look exactly like one started at the final size (on the same idle log, the
   * clock aside).
   */
  @Test
  void aResizedDashboardIsRedrawnCompletely() throws Exception {
    Path log = Files.createFile(dir.resolve("idle.log"));
    tmux("new-session", "-d", "-s", "resized", "-x", "120", "-y", "40", "sh");
    type("resized", logmon(log.toString()));
    awaitScreen("resized", s -> s.contains("following") && s.contains("q quit"));

    tmux("resize-window", "-t", "resized", "-x", "70", "-y", "20");
    // Drawn at the new size: the footer is on the last of 20 rows.
    awaitScreen("resized", s -> rows(s).size() == 20 && rows(s).get(19).startsWith(" q quit"));
    tmux("resize-window", "-t", "resized", "-x", "130", "-y", "45");

    tmux("new-session", "-d", "-s", "fresh", "-x", "130", "-y", "45", "sh");
    type("fresh", logmon(log.toString()));
    String fresh = awaitScreen("fresh", s -> s.contains("following") && s.contains("q quit"));
    long end = System.nanoTime() + DEADLINE.toNanos();
    String resized = "";
    while (System.nanoTime() < end) {
      resized = unclocked(tmux("capture-pane", "-p", "-t", "resized"));
      fresh = unclocked(tmux("capture-pane", "-p", "-t", "fresh"));
      if (resized.equals(fresh)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(resized).as("the resized dashboard").isEqualTo(fresh);
  }

  /**
   * {@code kubectl logs -f web | logmon -} on a terminal never got the dashboard, and {@code
   * --output tui} failed: with the log on a pipe, the dashboard draws on standard output and reads
   * its keys from the terminal, as {@code less} does.
   */
  @Test
  void aLogPipedInGetsTheDashboardWithKeysFromTheTerminal() throws Exception {
    Path fifo = dir.resolve("in.fifo");
    run(List.of("mkfifo", fifo.toString()), false);
    Path exit = dir.resolve("exit.txt");
    tmux("new-session", "-d", "-s", "piped", "-x", "120", "-y", "40", "sh");
    type("piped", logmon("--window 10s -") + " < " + fifo + "; echo EXIT=$? > " + exit);
    // Opening the pipe for writing waits until the shell has opened it for logmon to read.
    try (OutputStream pipe = Files.newOutputStream(fifo)) {
      awaitScreen("piped", s -> s.contains("following") && s.contains("Sections, last 10s"));
      pipe.write(lines(25).getBytes(StandardCharsets.UTF_8));
      pipe.flush();
      awaitScreen("piped", s -> s.contains("| hits 25 ") && s.contains("GET 25"));
      tmux("send-keys", "-t", "piped", "q");
      awaitFile(exit, "EXIT=0");
    }
    String screen = awaitScreen("piped", s -> s.contains("Summary at"));
    assertThat(screen).contains("25 hits").doesNotContain("Sections, last 10s");
    assertThat(display("piped", "#{alternate_on}")).isEqualTo("0");
  }

  private static List<String> rows(String screen) {
    return screen.lines().toList();
  }

  /** The screen with the clock and the title's time masked. */
  private static String unclocked(String screen) {
    return screen.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d", "TIME");
  }

  private static String lines(int n) {
    StringBuilder b = new StringBuilder();
    String now = CLF.format(Instant.now());
    for (int i = 0; i < n; i++) {
      b.append("10.0.0.")
          .append(i % 5)
          .append(" - - [")
          .append(now)
          .append("] \"GET /api/users/")
          .append(i)
          .append(" HTTP/1.1\" 200 512 \"-\" \"it/1.0\"\n");
    }
    return b.toString();
  }

  private void append(Path log, int n) throws IOException {
    Files.writeString(log, lines(n), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private String awaitScreen(String session, Predicate<String> done) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String screen = "";
    while (System.nanoTime() < end) {
      screen = tmux("capture-pane", "-p", "-t", session);
      if (done.test(screen)) {
        return screen;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out; the screen was:\n" + screen);
  }

  private static void awaitFile(Path file, String text) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        file + " never held " + text + (Files.exists(file) ? ": " + Files.readString(file) : ""));
  }

  private void type(String session, String command) throws Exception {
    tmux("send-keys", "-t", session, "-l", command);
    tmux("send-keys", "-t", session, "Enter");
  }

  private String display(String session, String format) throws Exception {
    return tmux("display-message", "-p", "-t", session, format).strip();
  }

  private String tmux(String... args) throws Exception {
    return run(tmuxCommand(List.of(args)), false);
  }

  private List<String> tmuxCommand(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("env", "TMUX_TMPDIR=" + dir));
    cmd.addAll(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    cmd.addAll(args);
    return cmd;
  }

  private static String run(List<String> cmd, boolean mayFail) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("TMUX");
    pb.environment().put("LOGMON_CONFIG", ""); // never the machine's /etc/logmon/logmon.conf
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish");
    }
    if (p.exitValue() != 0 && !mayFail) {
      throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + output);
    }
    return output;
  }

  private static boolean tmuxInstalled() {
    try {
      return run(List.of("tmux", "-V"), true).startsWith("tmux");
    } catch (Exception e) {
      return false;
    }
  }
}
