package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow mode end to end: the real program tails a real temp file while lines are appended, and
 * reports the hits, an alert, and the recovery once the file goes quiet.
 */
class FollowModeIT {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void appendedLinesAreCountedAndRaiseThenRecoverAnAlert() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, line("/old/line") + "\n"); // before start: followed from the end
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output",
            "json",
            "--window",
            "3s",
            "--interval",
            "1s",
            "--threshold",
            "2",
            "--poll",
            "50ms",
            log.toString())) {
      // Content present at the first poll is skipped (follow starts at the end), so append only
      // once the file is reported as followed.
      p.awaitFollowing(log, Duration.ofSeconds(20));
      // A burst of 30 hits: 30 / 3 s = 10 hits/s, well above 2.
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        burst.append(line("/pages/" + i)).append('\n');
      }
      Files.writeString(log, burst, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

      String alert = p.awaitLine(l -> l.contains("\"type\":\"alert\""), Duration.ofSeconds(20));
      JsonNode a = JSON.readTree(alert);
      assertThat(a.get("message").asText())
          .startsWith("High traffic generated an alert - hits = ")
          .contains(", triggered at ");
      assertThat(a.get("value").asDouble()).isGreaterThan(2);

      String report =
          p.awaitLine(
              l -> l.contains("\"type\":\"report\"") && l.contains("\"hits_total\":30"),
              Duration.ofSeconds(20));
      assertThat(JSON.readTree(report).get("sections").get(0).get("section").asText())
          .isEqualTo("/pages");

      // Silence: the window slides on the wall clock and the alert recovers.
      String recovery =
          p.awaitLine(l -> l.contains("\"type\":\"recovery\""), Duration.ofSeconds(20));
      assertThat(JSON.readTree(recovery).get("message").asText())
          .startsWith("High traffic alert recovered - hits = ");

      assertThat(p.terminate(Duration.ofSeconds(10))).isZero();
      String summary = p.awaitLine(l -> l.contains("\"type\":\"summary\""), Duration.ofSeconds(5));
      JsonNode s = JSON.readTree(summary);
      assertThat(s.get("hits_total").asLong()).isEqualTo(30); // the old line was not re-read
      assertThat(s.get("alerts_total").asLong()).isEqualTo(1);
      assertThat(s.get("sources").get(0).get("lines").asLong()).isEqualTo(30);
    }
  }

  @Test
  void aMissingFileIsWaitedForWithANote() throws Exception {
    Path log = dir.resolve("later.log");
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output", "json", "--poll", "50ms", "--interval", "1s", log.toString())) {
      p.awaitErr(l -> l.contains("waiting for") && l.contains("later.log"), Duration.ofSeconds(20));
      Files.writeString(log, line("/late/arrival") + "\n");
      p.awaitLine(
          l -> l.contains("\"type\":\"report\"") && l.contains("\"hits_total\":1"),
          Duration.ofSeconds(20));
      assertThat(p.terminate(Duration.ofSeconds(10))).isZero();
    }
  }

  private static String line(String path) {
    String ts = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
    return "192.0.2.7 - - [" + ts + "] \"GET " + path + " HTTP/1.1\" 200 512 \"-\" \"it/1.0\"";
  }
}
