package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * A followed log's {@code --report} is rewritten while logmon runs, every {@code --report-every},
 * and at exit; a reader polling it all along only ever sees a whole report.
 */
class ReportFollowIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  private static List<String> lines(int n) {
    List<String> out = new ArrayList<>();
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < n; i++) {
      out.add(
          "10.0.0."
              + (i % 9)
              + " - - ["
              + CLF.format(Instant.ofEpochSecond(now))
              + "] \"GET /p"
              + (i % 4)
              + " HTTP/1.1\" 200 100 \"-\" \"t\"");
    }
    return out;
  }

  @Test
  void theReportIsRewrittenWhileFollowingAndAtExitAndAlwaysWhole() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "");
    Path report = dir.resolve("report.json");
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output",
            "json",
            "--interval",
            "1s",
            "--report-every",
            "1s",
            "--poll",
            "50ms",
            "--report",
            report.toString(),
            log.toString())) {
      p.awaitFollowing(log, Duration.ofSeconds(20));
      LogmonProcess.append(log, lines(50));
      long seen = awaitHits(report, 50);
      assertThat(seen).isEqualTo(50);
      LogmonProcess.append(log, lines(30));
      assertThat(awaitHits(report, 80)).isEqualTo(80);
      assertThat(p.terminate(Duration.ofSeconds(20))).isZero();
    }
    JsonNode last = JSON.readTree(report.toFile());
    assertThat(last.get("finished").asBoolean()).isTrue();
    assertThat(last.at("/totals/hits").asLong()).isEqualTo(80);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  /** Reads the report until it shows {@code hits}; every read must parse as a whole report. */
  private static long awaitHits(Path report, long hits) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    long last = -1;
    while (Instant.now().isBefore(deadline)) {
      try {
        JsonNode r = JSON.readTree(Files.readString(report)); // a torn file would not parse
        assertThat(r.get("logmon_report").asInt()).isEqualTo(1);
        last = r.at("/totals/hits").asLong();
        if (last >= hits) {
          return last;
        }
      } catch (NoSuchFileException e) {
        // not written yet
      } catch (IOException e) {
        throw new AssertionError("a reader saw a partial report", e);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the report never showed " + hits + " hits; last " + last);
  }
}
