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
 * one run over the whole log: totals, malformed and filtered lines, the chart over log time and
 * every table, the breakdowns and virtual hosts included.
 */
class PersistRestartIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long START = Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();

  private static final int LINES = 6000;
  private static final List<String> AGENTS =
      List.of(
          "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
          "curl/8.5.0",
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");

  @TempDir Path dir;

  /**
   * Three hours of traffic over three virtual hosts, many sections, paths and clients, with errors,
   * referrers, agents (a robot among them), health checks that a filter leaves out and malformed
   * lines. There are 391 distinct paths, fewer than a breakdown sketch holds exactly (768), so
   * every table of both runs is exact and the two must be equal, not merely close.
   */
  private static List<String> log() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      long s = START + i * 2L;
      if (i % 997 == 0) {
        out.add("not a log line " + i);
        continue;
      }
      int status = i % 31 == 0 ? 500 : i % 13 == 0 ? 404 : i % 7 == 0 ? 304 : 200;
      String path = i % 50 == 1 ? "/health" : "/s" + (i % 23) + "/page" + (i % 17);
      out.add(
          "shop"
              + (i % 3)
              + ".example.com:443 10.0."
              + (i % 5)
              + "."
              + (i % 41)
              + " - - ["
              + CLF.format(Instant.ofEpochSecond(s))
              + "] \""
              + (i % 9 == 0 ? "POST" : "GET")
              + " "
              + path
              + "?id="
              + i
              + " HTTP/1.1\" "
              + status
              + " "
              + (100 + i % 1000)
              + " \""
              + (i % 4 == 0 ? "-" : "https://ref" + (i % 11) + ".example.org/from")
              + "\" \""
              + AGENTS.get(i % AGENTS.size())
              + "\"");
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
    assertThat(
            first.at("/totals/hits").asLong()
                + first.at("/totals/malformed").asLong()
                + first.at("/totals/filtered").asLong())
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
    long malformed = 7;
    long health = LINES / 50;
    assertThat(restarted.at("/totals/hits").asLong()).isEqualTo(LINES - malformed - health);
    assertThat(restarted.at("/totals/filtered").asLong()).isEqualTo(health);
    assertThat(restarted.at("/filtered/health").asLong()).isEqualTo(health);
    assertThat(restarted.at("/chart/buckets").size()).isGreaterThan(100);
    // The comparison covers every table, the breakdowns too, each exact.
    List<String> ids = new ArrayList<>();
    for (JsonNode t : restarted.get("tables")) {
      ids.add(t.get("id").asText());
      assertThat(t.get("rows").size()).as(t.get("id").asText()).isPositive();
      assertThat(t.path("estimated").asBoolean(false)).as(t.get("id").asText()).isFalse();
    }
    assertThat(ids)
        .contains(
            "sections",
            "clients",
            "status_codes",
            "vhosts",
            "paths",
            "not_found_paths",
            "server_error_paths",
            "agents",
            "referrers",
            "vhost_sections");
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
            "--exclude",
            "health: path ~ \"^/health\"",
            "--report",
            report.toString(),
            log.toString())) {
      p.awaitLine(
          l -> {
            if (!l.contains("\"type\":\"report\"")) {
              return false;
            }
            JsonNode r = LogmonProcess.read(l);
            return r.get("hits_total").asLong()
                    + r.get("malformed_total").asLong()
                    + r.get("filtered_total").asLong()
                >= lines;
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
