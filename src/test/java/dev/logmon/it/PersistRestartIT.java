package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --persist}: logmon follows the first half of a log with {@code --state}, is stopped
 * (SIGTERM), and started again after the second half was appended; its report then equals that of
 * one run over the whole log: totals, malformed lines, the chart over log time and every table.
 */
class PersistRestartIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long START = Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();

  @TempDir Path dir;

  /** Three hours of traffic over many sections and clients, with errors and malformed lines. */
  private static List<String> log() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      long s = START + i * 2L;
      if (i % 997 == 0) {
        out.add("not a log line " + i);
        continue;
      }
      int status = i % 31 == 0 ? 500 : i % 13 == 0 ? 404 : i % 7 == 0 ? 304 : 200;
      out.add(
          "10.0."
              + (i % 5)
              + "."
              + (i % 41)
              + " - - ["
              + CLF.format(Instant.ofEpochSecond(s))
              + "] \""
              + (i % 9 == 0 ? "POST" : "GET")
              + " /s"
              + (i % 23)
              + "/page"
              + (i % 101)
              + " HTTP/1.1\" "
              + status
              + " "
              + (100 + i % 1000)
              + " \"-\" \"agent\"");
    }
    return out;
  }

  @Test
  void aReportAfterARestartEqualsOneRunOverTheWholeLog() throws Exception {
    List<String> lines = log();
    int half = lines.size() / 2;
    Path log = dir.resolve("access.log");
    Path state = dir.resolve("state");
    Path report = dir.resolve("report.json");
    LogmonProcess.append(log, lines.subList(0, half));
    run(log, state, report, half);
    JsonNode first = JSON.readTree(report.toFile());
    assertThat(first.at("/totals/hits").asLong() + first.at("/totals/malformed").asLong())
        .isEqualTo(half);
    assertThat(Files.exists(dir.resolve("state.history"))).isTrue();

    LogmonProcess.append(log, lines.subList(half, lines.size()));
    run(log, state, report, lines.size());
    JsonNode restarted = JSON.readTree(report.toFile());

    Path whole = dir.resolve("whole.log");
    LogmonProcess.append(whole, lines);
    Path single = dir.resolve("single.json");
    run(whole, dir.resolve("single-state"), single, lines.size());
    JsonNode once = JSON.readTree(single.toFile());

    assertThat(comparable(restarted)).isEqualTo(comparable(once));
    assertThat(restarted.at("/totals/hits").asLong()).isEqualTo(lines.size() - 7);
    assertThat(restarted.at("/chart/buckets").size()).isGreaterThan(100);
  }

  /** Follows {@code log} with --persist until {@code lines} lines are counted, then stops. */
  private static void run(Path log, Path state, Path report, long lines) throws Exception {
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output",
            "json",
            "--interval",
            "1s",
            "--poll",
            "50ms",
            "--from-start",
            "--state",
            state.toString(),
            "--persist",
            "--report",
            report.toString(),
            log.toString())) {
      p.awaitLine(
          l -> {
            if (!l.contains("\"type\":\"report\"")) {
              return false;
            }
            JsonNode r = LogmonProcess.read(l);
            return r.get("hits_total").asLong() + r.get("malformed_total").asLong() >= lines;
          },
          DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
    }
  }

  /** The report without what depends on the wall clock or on one run: times and sources. */
  private static JsonNode comparable(JsonNode report) {
    ObjectNode r = report.deepCopy();
    r.remove(List.of("generated", "time", "sources"));
    return r;
  }
}
