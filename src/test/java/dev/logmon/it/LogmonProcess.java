package dev.logmon.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real logmon jar in a child process, with its output collected for polling assertions. */
final class LogmonProcess implements AutoCloseable {
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();

  private LogmonProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  /** The shaded jar built by {@code mvn package}; failsafe passes its path. */
  static Path jar() {
    String p = System.getProperty("logmon.jar");
    if (p == null) {
      throw new IllegalStateException("system property logmon.jar is not set (run through mvn verify)");
    }
    Path jar = Path.of(p);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no logmon jar at " + jar + " (run through mvn verify)");
    }
    return jar;
  }

  static LogmonProcess start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    return new LogmonProcess(new ProcessBuilder(cmd).start());
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void pump(java.io.InputStream in, List<String> into) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  into.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
  }

  /** Polls stdout until a line matches, or fails after the deadline with what was seen. */
  String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    return await(out, match, timeout);
  }

  /** Polls stderr until a line matches, or fails after the deadline with what was seen. */
  String awaitErr(Predicate<String> match, Duration timeout) throws InterruptedException {
    return await(err, match, timeout);
  }

  private String await(List<String> lines, Predicate<String> match, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no matching line within " + timeout + "\nstdout:\n" + String.join("\n", out)
            + "\nstderr:\n" + String.join("\n", err));
  }

  /**
   * Sends SIGTERM and waits for the exit code. Goes through the ProcessHandle because
   * Process.destroy() also closes our ends of the pipes, losing what logmon prints on the way out.
   */
  int terminate(Duration timeout) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("logmon did not exit within " + timeout + " of SIGTERM");
    }
    return process.exitValue();
  }

  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("logmon did not exit within " + timeout);
    }
    return process.exitValue();
  }

  List<String> stdout() throws InterruptedException {
    Thread.sleep(100); // let the pump threads read the last lines after exit
    return List.copyOf(out);
  }

  List<String> stderr() {
    return List.copyOf(err);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
