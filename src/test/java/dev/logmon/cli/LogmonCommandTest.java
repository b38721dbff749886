package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's contract: help, version, exit codes and one-line errors. */
class LogmonCommandTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LogmonCommand.commandLine(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InstantSource.system(),
            ConfigLocations.NONE)
        .execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpDocumentsEveryOptionWithItsDefault() {
    assertThat(run("--help")).isZero();
    // Help wraps to the terminal width; compare with runs of white space folded.
    String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    assertThat(help)
        .contains("/tmp/access.log")
        .contains("--interval=DURATION")
        .contains("(default: 10s)")
        .contains("--window=DURATION")
        .contains("(default: 2m)")
        .contains("--threshold=HITS_PER_S")
        .contains("(default: 10)")
        .contains("--alert=RULE")
        .contains("(default: absolute)")
        .contains("--output=FORMAT")
        .contains("--from-start")
        .contains("--replay")
        .contains("--demo")
        .contains("--max-line-bytes")
        .contains("--max-future=DURATION")
        .contains("(default: 65536)")
        .contains("--poll")
        .contains("(default: 250ms)")
        .contains("the alert value is the average hits/s")
        .contains("High traffic generated an alert - hits = {value}, triggered at {time}");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("logmon ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--threshold -1                | --threshold must be a number >= 0",
        "--interval 0s                 | must be a positive duration",
        "--window soon                 | 'soon' is not a duration",
        "--alert sideways              | unknown alert rule 'sideways', expected one of: absolute, relative",
        "--output xml                  | --output",
        "--top 0                       | --top must be between 1 and 1000",
        "--no-such-option              | Unknown option: '--no-such-option'",
        "--demo --replay               | --demo makes its own log file",
        "--max-future 25h              | --max-future must be between 1s and 24h",
        "--syslog 99999                | port must be between 0 and 65535",
        "--syslog host:port            | expected [HOST:]PORT",
        "--syslog 0 --replay x.log     | --syslog and --kafka read live lines",
        "--kafka h:9092                | --kafka needs --topic",
        "--topic t                     | --topic, --group, --kafka-field and --kafka-config need --kafka",
        "--kafka h:9092 --topic t --kafka-field .a | --kafka-field must be a field name",
        "--kafka h:9092 --topic t --demo | --syslog and --kafka read live lines",
      })
  void badOptionsExitWithUsageCodeTwoAndSayWhatWasExpected(String args, String message) {
    assertThat(run(args.trim().split(" +"))).isEqualTo(2);
    assertThat(err()).contains(message);
  }

  @Test
  void anUnreadableFileInReplayIsARuntimeErrorWithOneLine() {
    Path missing = dir.resolve("nope.log");
    assertThat(run("--replay", missing.toString())).isEqualTo(1);
    assertThat(err().strip()).isEqualTo("logmon: cannot read " + missing + ": no such file");
  }

  @Test
  void aDirectoryInReplayIsNamedAsSuch() {
    assertThat(run("--replay", dir.toString())).isEqualTo(1);
    assertThat(err().strip()).isEqualTo("logmon: cannot read " + dir + ": is a directory");
  }

  /** An empty replay's summary was stamped 1970-01-01 (the epoch): it now has the run's time. */
  @Test
  void replayOfAnEmptyFileStillPrintsASummaryAtTheTimeOfTheRun() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.log"));
    Instant now = Instant.parse("2026-05-01T12:00:00Z");
    // The end of the second the run started in, in the system's zone (no log line gave one).
    String expected =
        OffsetDateTime.ofInstant(now.plusSeconds(1), ZoneId.systemDefault())
            .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    int code =
        LogmonCommand.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InstantSource.fixed(now),
                ConfigLocations.NONE)
            .execute("--replay", "-o", "json", empty.toString());
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("{\"type\":\"summary\",\"time\":\"" + expected)
        .contains("\"hits_total\":0");
  }

  /** --output tui without a terminal failed at run time with exit 1 instead of exit 2. */
  @Test
  void theDashboardWithoutATerminalIsAUsageError() throws Exception {
    Path log = Files.createFile(dir.resolve("access.log"));
    // The test JVM's standard output is a pipe to Maven, never a terminal.
    assertThat(run("--output", "tui", log.toString())).isEqualTo(2);
    assertThat(err().strip())
        .isEqualTo(
            "logmon: --output tui needs a terminal, and standard output is not one (use --output"
                + " plain or json) (see --help)");
  }

  /** An unusable --state path was only reported at the first save, 5 s in, as a Java exception. */
  @Test
  void anUnusableStatePathIsAUsageErrorAtStart() throws Exception {
    Path log = Files.createFile(dir.resolve("access.log"));
    Path missing = dir.resolve("no-such-dir").resolve("state.json");
    assertThat(run("--state", missing.toString(), log.toString())).isEqualTo(2);
    assertThat(err().strip())
        .isEqualTo(
            "logmon: --state: the directory "
                + missing.getParent()
                + " does not exist (see --help)");

    err.reset();
    assertThat(run("--state", dir.toString(), log.toString())).isEqualTo(2);
    assertThat(err().strip())
        .isEqualTo(
            "logmon: --state " + dir + " is a directory; give a file name in it (see --help)");

    err.reset();
    assertThat(run("--state", log.resolve("state.json").toString(), log.toString())).isEqualTo(2);
    assertThat(err().strip())
        .isEqualTo("logmon: --state: " + log + " is not a directory (see --help)");

    // sysfs takes no new files, not even from root: permission denied where it is mounted
    // read-write, "Read-only file system" in a container that mounts it read-only.
    err.reset();
    assertThat(run("--state", "/sys/logmon-state.json", log.toString())).isEqualTo(2);
    assertThat(err().strip())
        .isIn(
            "logmon: --state: cannot save in /sys: permission denied (see --help)",
            "logmon: --state: cannot save in /sys: Read-only file system (see --help)");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void globsAreRecognised() {
    assertThat(RunModes.isGlob("/var/log/nginx/*access.log")).isTrue();
    assertThat(RunModes.isGlob("/var/log/nginx/access.log")).isFalse();
  }
}
