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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More files in a glob than the process may open ({@code prlimit --nofile=128}, 600 files): the
 * refusal is noted once, and every file is read in turn, its old lines and the ones appended later
 * (regression of issue 14: 4,499 notes, and those files never read).
 */
class DescriptorLimitIT {
  private static final int FILES = 600;
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyFileIsReadInTurnAndTheLimitIsNotedOnce() throws Exception {
    for (int i = 0; i < FILES; i++) {
      append(dir.resolve("site" + i + ".log"), 2);
    }
    try (LogmonProcess p =
        LogmonProcess.startAs(
            List.of("prlimit", "--nofile=128:128"),
            "--output",
            "json",
            "--interval",
            "1s",
            "--poll",
            "50ms",
            "--from-start",
            dir.resolve("*.log").toString())) {
      p.awaitErr("too many open files");
      p.awaitLine(l -> l.contains("\"report\"") && hits(l) == 2 * FILES, DEADLINE);
      for (int i = 0; i < FILES; i++) {
        append(dir.resolve("site" + i + ".log"), 1); // parked files are opened again in turn
      }
      p.awaitLine(l -> l.contains("\"report\"") && hits(l) == 3 * FILES, DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
      JsonNode summary = JSON.readTree(p.awaitLine(l -> l.contains("\"summary\""), DEADLINE));
      assertThat(summary.get("hits_total").asLong()).isEqualTo(3 * FILES);
      assertThat(summary.get("sources")).hasSize(FILES);
      assertThat(p.stderr()).filteredOn(l -> l.contains("too many open files")).hasSize(1);
      assertThat(p.stderr()).noneMatch(l -> l.contains("Too many open files"));
    }
  }

  private static long hits(String report) {
    try {
      return JSON.readTree(report).get("hits_total").asLong();
    } catch (java.io.IOException e) {
      throw new AssertionError(report, e);
    }
  }

  private static void append(Path log, int lines) throws Exception {
    StringBuilder b = new StringBuilder();
    String ts = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
    for (int i = 0; i < lines; i++) {
      b.append("192.0.2.7 - - [").append(ts).append("] \"GET /x HTTP/1.1\" 200 5 \"-\" \"it\"\n");
    }
    Files.writeString(
        log, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
