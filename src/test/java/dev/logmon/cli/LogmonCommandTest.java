package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
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
            InstantSource.system())
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

  @Test
  void replayOfAnEmptyFileStillPrintsASummary() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.log"));
    assertThat(run("--replay", "-o", "json", empty.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("{\"type\":\"summary\"")
        .contains("\"hits_total\":0");
  }

  @Test
  void globsAreRecognised() {
    assertThat(RunModes.isGlob("/var/log/nginx/*access.log")).isTrue();
    assertThat(RunModes.isGlob("/var/log/nginx/access.log")).isFalse();
  }
}
