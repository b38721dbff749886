package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --latency-threshold} end to end: the real command replays a generated {@code %D} log whose
 * 2-minute p95 crosses 500 ms twice, and prints each alert and recovery exactly once.
 */
class LatencyThresholdTest {
  private static final String FORMAT = "%h %l %u %t \"%r\" %>s %b %D";
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond();

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

  /**
   * 5 lines a second for 12 minutes, 20 ms each, except two slow stretches at 900 ms: 60 s from
   * minute 3 and 30 s from minute 8. Each stretch pushes the 2-minute p95 above 500 ms within
   * seconds and lets it fall back once it has left the window; 5 hits/s never alerts on traffic.
   */
  private Path log() throws Exception {
    List<String> lines = new ArrayList<>();
    for (long s = 0; s < 720; s++) {
      boolean slow = (s >= 180 && s < 240) || (s >= 480 && s < 510);
      for (int i = 0; i < 5; i++) {
        lines.add(
            "192.0.2."
                + (i + 1)
                + " - - ["
                + CLF.format(Instant.ofEpochSecond(T0 + s))
                + "] \"GET /api/items HTTP/1.1\" 200 512 "
                + (slow ? 900_000 : 20_000));
      }
    }
    Path log = dir.resolve("timed.log");
    Files.write(log, lines);
    return log;
  }

  private List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void plainOutputHasOneAlertAndOneRecoveryPerCrossing() throws Exception {
    assertThat(
            run(
                "--replay",
                "-o",
                "plain",
                "--format",
                FORMAT,
                "--latency-threshold",
                "500ms",
                log().toString()))
        .isZero();
    List<String> events = outLines().stream().filter(l -> l.startsWith("High ")).toList();
    assertThat(events).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(events.get(i))
          .startsWith(
              i % 2 == 0
                  ? "High latency generated an alert - p95 = "
                  : "High latency alert recovered - p95 = ")
          .contains(" ms (estimate), ");
    }
    // The crossings are exact (durations above the threshold are counted): the 7th slow second
    // and the 6th-last one in the window; the p95 printed is the sketch's estimate.
    assertThat(events.get(0)).endsWith("triggered at 2024-05-01T10:03:07+00:00");
    assertThat(events.get(1)).endsWith("recovered at 2024-05-01T10:05:54+00:00");
    assertThat(events.get(2)).endsWith("triggered at 2024-05-01T10:08:07+00:00");
    assertThat(events.get(3)).endsWith("recovered at 2024-05-01T10:10:24+00:00");
    // Reports show the latency the alert is about.
    assertThat(outLines()).anyMatch(l -> l.startsWith("  latency    10s 900.0/900.0/900.0 ms"));
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("cannot fire");
  }

  /** A log without durations gave no sign that the latency alert could never fire. */
  @Test
  void onALogWithoutDurationsItSaysOnceThatTheAlertCannotFire() throws Exception {
    List<String> lines = new ArrayList<>();
    for (long s = 0; s < 60; s++) {
      lines.add(
          "192.0.2.1 - - ["
              + CLF.format(Instant.ofEpochSecond(T0 + s))
              + "] \"GET /a HTTP/1.1\" 200 512 \"-\" \"x\"");
    }
    Path log = Files.write(dir.resolve("combined.log"), lines);
    assertThat(run("--replay", "-o", "json", "--latency-threshold", "500ms", log.toString()))
        .isZero();
    assertThat(outLines()).filteredOn(l -> l.contains("\"type\":\"report\"")).hasSize(6);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("cannot fire")))
        .containsExactly(
            "logmon: warning: --latency-threshold 500ms cannot fire: no line read so far carries"
                + " a request duration (the log format needs one: %D, %T, $request_time, a JSON"
                + " duration; see --format)");
  }

  @Test
  void jsonOutputHasOneAlertAndOneRecoveryPerCrossing() throws Exception {
    assertThat(
            run(
                "--replay",
                "-o",
                "json",
                "--format",
                FORMAT,
                "--latency-threshold",
                "500ms",
                log().toString()))
        .isZero();
    List<String> events =
        outLines().stream().filter(l -> l.contains("\"alert\":\"latency\"")).toList();
    assertThat(events).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(events.get(i))
          .startsWith(i % 2 == 0 ? "{\"type\":\"alert\"," : "{\"type\":\"recovery\",")
          .contains("\"threshold\":");
    }
    assertThat(events.get(0)).contains("triggered at 2024-05-01T10:03:07+00:00");
    assertThat(outLines())
        .noneMatch(l -> l.startsWith("{\"type\":\"alert\"") && !l.contains("latency"));
    assertThat(outLines().get(outLines().size() - 1)).startsWith("{\"type\":\"summary\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-500ms", "-1s", "0"})
  void aBadValueIsOneLineNamingTheOptionAndExitsTwo(String value) throws Exception {
    assertThat(run("--replay", "--latency-threshold", value, log().toString())).isEqualTo(2);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e).hasLineCount(1).contains("--latency-threshold", "'" + value + "'");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
