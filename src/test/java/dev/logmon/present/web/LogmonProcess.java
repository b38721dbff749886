package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The shaded logmon jar (system property {@code logmon.jar}) running in a child process. */
final class LogmonProcess implements AutoCloseable {
  private final Process process;
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<String> out = new CopyOnWriteArrayList<>();

  private LogmonProcess(Process process) {
    this.process = process;
    pump(process.getErrorStream(), err);
    pump(process.getInputStream(), out);
  }

  static LogmonProcess start(String... args) throws IOException {
    Path jar = Path.of(System.getProperty("logmon.jar", "target/logmon-0.1.0-all.jar"));
    assertThat(jar).as("run mvn verify: the shaded jar").exists();
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return new LogmonProcess(new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start());
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void pump(java.io.InputStream in, List<String> lines) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  lines.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
  }

  /** The dashboard URL logmon announced on stderr, waiting up to 20 s for it. */
  URI url() throws InterruptedException {
    String line = awaitErr("web dashboard at ");
    return URI.create(line.substring(line.indexOf("http://")).trim());
  }

  /** The first stderr line containing {@code text}, waiting up to 20 s. */
  String awaitErr(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (String l : err) {
        if (l.contains(text)) {
          return l;
        }
      }
      assertThat(process.isAlive()).as("logmon exited early: %s", err).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' on stderr: " + err);
  }

  List<String> stdout() {
    return out;
  }

  List<String> stderr() {
    return err;
  }

  /** Sends SIGTERM and returns the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("logmon did not stop on SIGTERM");
    }
    return process.exitValue();
  }

  /** Stops the process if it still runs; the test's own assertions come first. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits up to 20 s for the process to end by itself and returns its exit code. */
  int exitCode() throws InterruptedException {
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("logmon exits by itself").isTrue();
    return process.exitValue();
  }

  static void append(Path file, List<String> lines) throws IOException {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
