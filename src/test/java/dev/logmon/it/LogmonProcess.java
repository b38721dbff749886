package dev.logmon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real logmon jar (system property {@code logmon.jar}, set by failsafe) in a child process,
 * with its output collected for polling assertions. Shared by every integration test.
 *
 * <p>Child JVMs run with {@code -XX:-UsePerfData}, so they leave no {@code /tmp/hsperfdata_*} files
 * behind.
 */
public final class LogmonProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<Thread> pumps = new CopyOnWriteArrayList<>();

  private LogmonProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  /** The shaded jar built by {@code mvn package}; failsafe passes its path. */
  public static Path jar() {
    String p = System.getProperty("logmon.jar");
    if (p == null) {
      throw new IllegalStateException(
          "system property logmon.jar is not set (run through mvn verify)");
    }
    Path jar = Path.of(p);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no logmon jar at " + jar + " (run through mvn verify)");
    }
    return jar;
  }

  public static LogmonProcess start(String... args) throws IOException {
    return new LogmonProcess(builder(command(jar(), List.of(), args)).start());
  }

  /**
   * Starts logmon behind a command prefix, e.g. {@code prlimit --nofile=128:128}, which execs (so
   * signals reach logmon itself).
   */
  public static LogmonProcess startAs(List<String> prefix, String... args) throws IOException {
    return startAs(prefix, List.of(), args);
  }

  /** Like {@link #startAs(List, String...)}, with JVM options (e.g. a heap limit) too. */
  public static LogmonProcess startAs(List<String> prefix, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(command(jar(), jvmOptions, args));
    return new LogmonProcess(builder(cmd).start());
  }

  /**
   * Starts logmon as the unprivileged user {@code nobody} (the caller must be root). The checkout
   * may lie where {@code nobody} cannot go (a mode-700 home), so the jar is first copied into
   * {@code dir}, which is made world-readable and is also the process's working directory.
   */
  public static LogmonProcess startAsNobody(Path dir, String... args) throws IOException {
    return startAsNobody(dir, List.of(), List.of(), args);
  }

  /**
   * Like {@link #startAsNobody(Path, String...)}, with a command run as {@code nobody} in front of
   * logmon (e.g. {@code prlimit --nproc=300 --}, which execs) and JVM options.
   */
  public static LogmonProcess startAsNobody(
      Path dir, List<String> wrapper, List<String> jvmOptions, String... args) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = dir.resolve("logmon.jar");
    Files.copy(jar(), jar, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> cmd =
        new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    cmd.addAll(wrapper);
    cmd.addAll(command(jar, jvmOptions, args)); // setpriv execs, so signals reach logmon itself
    return new LogmonProcess(builder(cmd).directory(dir.toFile()).start());
  }

  /** Whether this JVM runs as root, who reads every file whatever its mode. */
  public static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** A builder for {@code cmd} that never reads the machine's /etc/logmon/logmon.conf. */
  private static ProcessBuilder builder(List<String> cmd) {
    ProcessBuilder builder = new ProcessBuilder(cmd);
    builder.environment().put("LOGMON_CONFIG", "");
    return builder;
  }

  private static List<String> command(Path jar, List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-XX:-UsePerfData"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Starts logmon as {@code builder} says, e.g. the installed program rather than the jar. */
  public static LogmonProcess start(ProcessBuilder builder) throws IOException {
    return new LogmonProcess(builder.start());
  }

  /** The process id (logmon's own when the prefix execs). */
  public long pid() {
    return process.pid();
  }

  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** After exit: waits until everything the process printed has been read. */
  private void drained() throws InterruptedException {
    for (Thread t : pumps) {
      t.join(5_000);
    }
  }

  private void pump(InputStream in, List<String> into) {
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
    pumps.add(t);
    t.start();
  }

  /** Polls stdout until a line matches, or fails after the deadline with what was seen. */
  public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    return await(out, match, timeout);
  }

  /** Polls stderr until a line matches, or fails after the deadline with what was seen. */
  public String awaitErr(Predicate<String> match, Duration timeout) throws InterruptedException {
    return await(err, match, timeout);
  }

  /**
   * Waits for a JSON report ({@code --output json}) in which the file {@code name} is {@code
   * following}: its watcher has opened it and fixed where reading starts, so every line appended
   * from now on is counted. Follow mode starts at a file's end, so a test appends only after this.
   */
  public JsonNode awaitFollowing(Path name, Duration timeout) throws InterruptedException {
    String report =
        awaitLine(l -> l.contains("\"type\":\"report\"") && following(read(l), name), timeout);
    return read(report);
  }

  /** Whether a report or snapshot lists {@code name} among its sources as {@code following}. */
  public static boolean following(JsonNode reportOrSnapshot, Path name) {
    for (JsonNode s : reportOrSnapshot.path("sources")) {
      if (s.path("name").asText().equals(name.toString())
          && s.path("state").asText().equals("following")) {
        return true;
      }
    }
    return false;
  }

  /** Parses one JSON line logmon printed. */
  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
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
        "no matching line within "
            + timeout
            + "\nstdout:\n"
            + String.join("\n", out)
            + "\nstderr:\n"
            + String.join("\n", err));
  }

  /**
   * Sends SIGTERM and waits for the exit code. Goes through the ProcessHandle because
   * Process.destroy() also closes our ends of the pipes, losing what logmon prints on the way out.
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("logmon did not exit within " + timeout + " of SIGTERM");
    }
    drained();
    return process.exitValue();
  }

  /** Sends SIGKILL (a crash: no summary, nothing saved) and waits for the process to end. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
    drained();
  }

  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("logmon did not exit within " + timeout);
    }
    drained();
    return process.exitValue();
  }

  public List<String> stdout() {
    return List.copyOf(out);
  }

  public List<String> stderr() {
    return List.copyOf(err);
  }

  /** The first stderr line containing {@code text}, waiting up to 20 s. */
  public String awaitErr(String text) throws InterruptedException {
    return awaitErr(l -> l.contains(text), Duration.ofSeconds(20));
  }

  /** The dashboard URL logmon announced on stderr ({@code --web}), waiting up to 20 s. */
  public URI url() throws InterruptedException {
    String line = awaitErr("web dashboard at ");
    String from = line.substring(line.indexOf("http://"));
    int end = from.indexOf(' ');
    return URI.create(end < 0 ? from.trim() : from.substring(0, end));
  }

  /** Sends SIGTERM and returns the exit code, waiting up to 20 s. */
  public int stop() throws InterruptedException {
    return terminate(Duration.ofSeconds(20));
  }

  /** Waits up to 20 s for the process to end by itself and returns its exit code. */
  public int exitCode() throws InterruptedException {
    return waitFor(Duration.ofSeconds(20));
  }

  /** Appends whole lines to a log file. */
  public static void append(Path file, List<String> lines) throws IOException {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Stops the process if it still runs (SIGTERM first, so it can restore a terminal). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
