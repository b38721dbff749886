package dev.logmon.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} package ({@code /usr/bin/promtool}, {@code /usr/bin/prometheus}) for
 * the tests that check logmon against the real thing. A developer without it skips those tests; in
 * CI ({@code CI} set, where .ci/run installs it) a missing tool fails them.
 */
public final class PrometheusTools {
  public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  private PrometheusTools() {}

  /** What a finished command printed and its exit code. */
  public record Result(int exit, String out) {}

  /** The tool's path, after making sure it is installed (see the class comment). */
  public static Path require(Path tool) {
    if (!Files.isExecutable(tool)) {
      String why = tool + " is not installed (apt-get install prometheus)";
      if (System.getenv("CI") != null) {
        fail(why + "; .ci/run installs it, so CI must have it");
      }
      Assumptions.abort(why);
    }
    return tool;
  }

  /**
   * Runs {@code command} in {@code dir} with {@code input} on its standard input, and returns its
   * exit code and output (stdout and stderr together), failing after {@code timeout}.
   */
  public static Result run(List<String> command, Path dir, String input, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("logmon-tool-", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      try (var stdin = p.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish within " + timeout);
      }
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
