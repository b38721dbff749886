package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
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
 * test appends log lines, reads the screen with {@code capture-pane}, quits with {@code q} and
 * checks that the shell got its terminal back. Needs tmux: fails without it when {@code CI} is set,
 * and is skipped otherwise.
 */
class TerminalDashboardIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  /** A private tmux server, so the test never touches the developer's own sessions. */
  private final String socket = "logmon-it-" + UUID.randomUUID();

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
    run(List.of("tmux", "-L", socket, "kill-server"), true);
  }

  @Test
  void showsTrafficAndAnAlertThenQuitsCleanly() throws Exception {
    Path log = Files.createFile(dir.resolve("access.log"));
    Path exit = dir.resolve("exit.txt");
    Path stty = dir.resolve("stty.txt");
    String jar = System.getProperty("logmon.jar");
    assertThat(jar).as("system property logmon.jar").isNotNull();
    assertThat(Path.of(jar)).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    tmux("new-session", "-d", "-s", "it", "-x", "120", "-y", "40", "sh");
    type(java + " -jar " + jar + " --window 10s --threshold 2 " + log + "; echo EXIT=$? > " + exit);
    // Follow mode reads from the end: append only once the file is being followed.
    String screen = awaitScreen(s -> s.contains("following") && s.contains("Sections, last 10s"));
    assertThat(screen).contains("logmon", " OK ", "threshold 2.00 hits/s over 10s");

    append(log, 60);
    // The screen redraws a few times a second; wait for one that shows it all.
    screen =
        awaitScreen(
            s ->
                s.contains("| hits 60 ")
                    && s.contains("ALERT  ")
                    && s.contains("Alert history, newest first (1 event)")
                    && s.contains("GET 60"));
    assertThat(screen).contains(" ALERT ", "/api").contains("access.log");

    tmux("send-keys", "-t", "it", "q");
    awaitFile(exit, "EXIT=0");
    screen = awaitScreen(s -> s.contains("Summary at"));
    assertThat(screen).contains("60 hits").doesNotContain("Sections, last 10s");
    assertThat(display("#{alternate_on}")).isEqualTo("0");
    assertThat(display("#{cursor_flag}")).isEqualTo("1");

    type("echo shell-ok-$((6*7)); stty -a > " + stty);
    awaitScreen(s -> s.contains("shell-ok-42"));
    awaitFile(stty, "icanon");
    List<String> modes = List.of(Files.readString(stty).split("[\\s;]+"));
    assertThat(modes).contains("icanon", "echo", "isig").doesNotContain("-icanon", "-echo");
  }

  private void append(Path log, int lines) throws IOException {
    StringBuilder b = new StringBuilder();
    String now = CLF.format(Instant.now());
    for (int i = 0; i < lines; i++) {
      b.append("10.0.0.")
          .append(i % 5)
          .append(" - - [")
          .append(now)
          .append("] \"GET /api/users/")
          .append(i)
          .append(" HTTP/1.1\" 200 512 \"-\" \"it/1.0\"\n");
    }
    Files.writeString(log, b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private String awaitScreen(Predicate<String> done) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String screen = "";
    while (System.nanoTime() < end) {
      screen = tmux("capture-pane", "-p", "-t", "it");
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

  private void type(String command) throws Exception {
    tmux("send-keys", "-t", "it", "-l", command);
    tmux("send-keys", "-t", "it", "Enter");
  }

  private String display(String format) throws Exception {
    return tmux("display-message", "-p", "-t", "it", format).strip();
  }

  private String tmux(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    return run(cmd, false);
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
