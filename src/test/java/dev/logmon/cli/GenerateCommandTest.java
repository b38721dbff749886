package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.generate.FakeClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class GenerateCommandTest {
  private static final Pattern COMBINED =
      Pattern.compile(
          "^\\S+ \\S+ \\S+ \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\]"
              + " \"[A-Z]+ /\\S* HTTP/1\\.[01]\" \\d{3} (\\d+|-) \"[^\"]*\" \"[^\"]*\"$");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs the command on a fake clock, so even --seconds 60 takes no real time. */
  private int execute(String... args) {
    FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_700_000_000L));
    CommandLine cli = new CommandLine(new GenerateCommand(clock, clock.sleeper()));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesTheShapedTrafficForTheGivenSeconds() throws IOException {
    Path file = dir.resolve("access.log");
    int code = execute("--out", file.toString(), "--seconds", "60", "--seed", "3");
    assertThat(code).isZero();
    assertThat(Files.readAllLines(file))
        .hasSize(1300)
        .allMatch(line -> COMBINED.matcher(line).matches());
    assertThat(err.toString())
        .contains("appending ~5 lines/s (spikes to 30/s for 40 s every 100 s, first after 20 s)")
        .contains("to " + file + " for 60 s")
        .contains("wrote 1300 lines");
  }

  @Test
  void sameSeedSameFile() throws IOException {
    Path a = dir.resolve("a.log");
    Path b = dir.resolve("b.log");
    execute("--out", a.toString(), "--seconds", "5", "--seed", "9", "--shape", "flat");
    execute("--out", b.toString(), "--seconds", "5", "--seed", "9", "--shape", "flat");
    assertThat(Files.readString(a)).hasLineCount(25).isEqualTo(Files.readString(b));
  }

  @Test
  void flatShapeDoesNotNeedPeakAboveRate() throws IOException {
    Path file = dir.resolve("flat.log");
    int code =
        execute("--out", file.toString(), "--shape", "flat", "--rate", "2.5", "--seconds", "2");
    assertThat(code).isZero();
    assertThat(Files.readAllLines(file)).hasSize(5);
    assertThat(err.toString()).contains("appending ~2.5 lines/s to ").doesNotContain("spikes");
  }

  /** {@code generate --rate 40} failed on --peak, which the user never gave (its default, 30). */
  @Test
  void theDefaultPeakFollowsTheRate() throws IOException {
    Path file = dir.resolve("fast.log");
    assertThat(execute("--out", file.toString(), "--rate", "40", "--seconds", "1")).isZero();
    assertThat(err.toString())
        .contains("appending ~40 lines/s (spikes to 240/s for 40 s every 100 s, first after 20 s)");
    assertThat(Files.readAllLines(file)).hasSize(40);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rate 0 | --rate",
        "--rate -3 | --rate",
        "--rate 10 --peak 5 | --peak",
        "--shape wave | flat, spike",
        "--seconds -1 | --seconds",
        "--rate abc | --rate",
        "--spike-seconds 0 | --spike-seconds",
        "--calm-seconds -5 | --calm-seconds"
      })
  void badValuesAreUsageErrors(String args, String mentioned) {
    Path file = dir.resolve("never.log");
    String[] argv = (args + " --out " + file).split(" ");
    assertThat(execute(argv)).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains(mentioned);
    assertThat(file).doesNotExist();
  }

  @Test
  void unwritableOutFileIsAOneLineError() {
    Path file = dir.resolve("no-such-dir").resolve("access.log");
    assertThat(execute("--out", file.toString(), "--seconds", "1")).isEqualTo(1);
    assertThat(err.toString()).hasLineCount(1).contains("--out", file.toString());
  }

  @Test
  void helpDocumentsEveryDefault() {
    assertThat(execute("--help")).isZero();
    // Help wraps at 80 columns; compare with the wrapping undone.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("Default: /tmp/access.log")
        .contains("Default: 5.")
        .contains("Default: 6 x --rate (30 at the default rate).")
        .contains("flat, spike. Default: spike.")
        .contains("0 runs until interrupted. Default: 0.")
        .contains("Default: 1.")
        .contains("--spike-after", "--spike-seconds", "--calm-seconds");
  }
}
