package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.source.RotatingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real program follows {@code 'a.log*'} while a writer appends numbered lines as fast as it can
 * across 50 rotations in logrotate's numbered scheme (regression of issue 14: 266,657 to 270,578
 * hits for 200,000 lines). Line {@code n} reports {@code n} bytes, so the byte total {@code
 * N(N+1)/2} checks the sum of the numbers counted as well as their count. Then the same with {@code
 * --state} and four restarts (SIGTERM), rotations going on while logmon is stopped.
 */
class GlobRotationIT {
  private static final int ROTATIONS = 50;
  private static final int LINES_PER_FILE = 2_000;
  private static final long N = (long) LINES_PER_FILE * (ROTATIONS + 1);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aGlobOverTheRotatedNamesCountsEveryLineOnce() throws Exception {
    RotatingWriter writer = writer(dir, ROTATIONS);
    try (LogmonProcess p = start(null)) {
      p.awaitLine(l -> l.contains("\"type\":\"report\""), DEADLINE); // following
      writer.start();
      writer.join(DEADLINE.toMillis());
      assertThat(writer.failure()).isNull();
      p.awaitLine(l -> l.contains("\"type\":\"report\"") && hits(l) >= N, DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
      JsonNode summary = JSON.readTree(p.awaitLine(l -> l.contains("\"summary\""), DEADLINE));
      System.out.printf(
          "glob rotation IT: %d lines over %d rotations, %d hits, %d bytes%n",
          N, writer.rotations(), summary.get("hits_total").asLong(), bytes(summary));
      String files = files(dir, summary);
      assertThat(summary.get("hits_total").asLong()).as(files).isEqualTo(N);
      assertThat(summary.get("malformed_total").asLong()).as(files).isZero();
      assertThat(bytes(summary)).as(files).isEqualTo(N * (N + 1) / 2);
      assertThat(summary.get("sources")).as(files).hasSize(ROTATIONS + 1);
      assertThat(files).as("each file read once by one source").doesNotContain(" <- ");
    }
  }

  @Test
  void withStateFourRestartsWhileRotatingCountEveryLineOnce() throws Exception {
    Path state = dir.resolve("state.json");
    Path logs = Files.createDirectory(dir.resolve("logs"));
    RotatingWriter writer = writer(logs, 0);
    writer.start();
    long hits = 0;
    long bytes = 0;
    int granted = 0;
    StringBuilder runs = new StringBuilder();
    for (int run = 1; run <= 5; run++) {
      try (LogmonProcess p = start(state, logs)) {
        p.awaitLine(l -> l.contains("\"type\":\"report\""), DEADLINE);
        long before = hits;
        if (run < 5) {
          granted += 8; // rotations while this run follows
          writer.allow(8);
          writer.awaitWaitingAt(granted, DEADLINE);
          // Stopped once it has counted something of this run: any state in between is fine.
          p.awaitLine(l -> l.contains("\"type\":\"report\"") && hits(l) > 0, DEADLINE);
        } else {
          writer.allow(ROTATIONS);
          writer.join(DEADLINE.toMillis());
          p.awaitLine(l -> l.contains("\"type\":\"report\"") && hits(l) >= N - before, DEADLINE);
        }
        assertThat(p.terminate(DEADLINE)).isZero();
        JsonNode summary = JSON.readTree(p.awaitLine(l -> l.contains("\"summary\""), DEADLINE));
        assertThat(summary.get("malformed_total").asLong()).isZero();
        hits += summary.get("hits_total").asLong();
        bytes += bytes(summary);
        runs.append(String.format("%nrun %d: %s", run, sources(summary)));
      }
      if (run < 5) {
        granted += 4; // rotations while logmon is stopped
        writer.allow(4);
        writer.awaitWaitingAt(granted, DEADLINE);
      }
    }
    assertThat(writer.failure()).isNull();
    System.out.printf(
        "glob rotation IT with 4 restarts: %d lines over %d rotations, %d hits, %d bytes%n",
        N, writer.rotations(), hits, bytes);
    assertThat(writer.rotations()).isEqualTo(ROTATIONS);
    String diagnosis = runs + "\nafter the last run:" + files(logs, null);
    assertThat(hits).as(diagnosis).isEqualTo(N);
    assertThat(bytes).as(diagnosis).isEqualTo(N * (N + 1) / 2);
  }

  /**
   * For a failure message: each file on disk (name, inode, size, its numbers' range) and what the
   * summary's sources read of it, marked {@code <-} where that is not the whole file, once.
   */
  private static String files(Path dir, JsonNode summary) throws IOException {
    StringBuilder out = new StringBuilder();
    List<Path> logs;
    try (Stream<Path> s = Files.list(dir)) {
      logs = s.filter(p -> p.getFileName().toString().startsWith("a.log")).sorted().toList();
    }
    for (Path p : logs) {
      List<String> lines = Files.readAllLines(p);
      out.append(
          String.format(
              "%n%s ino %s, %d bytes, %d lines (%s..%s)",
              p.getFileName(),
              Files.getAttribute(p, "unix:ino"),
              Files.size(p),
              lines.size(),
              lines.isEmpty() ? "-" : seq(lines.get(0)),
              lines.isEmpty() ? "-" : seq(lines.get(lines.size() - 1))));
      if (summary != null) {
        List<String> read = new ArrayList<>();
        for (JsonNode src : summary.get("sources")) {
          if (src.get("name").asText().equals(p.toString())) {
            read.add(src.get("lines").asLong() + " lines/" + src.get("bytes").asLong() + " bytes");
          }
        }
        boolean once = read.equals(List.of(lines.size() + " lines/" + Files.size(p) + " bytes"));
        out.append(once ? ", read once" : " <- read " + read);
      }
    }
    if (summary != null) {
      out.append(String.format("%nsources: %s", sources(summary)));
    }
    return out.toString();
  }

  private static String sources(JsonNode summary) {
    StringBuilder out = new StringBuilder();
    out.append(summary.get("hits_total").asLong())
        .append(" hits, ")
        .append(bytes(summary))
        .append(" bytes;");
    for (JsonNode src : summary.get("sources")) {
      out.append(
          String.format(
              " %s=%d/%d/r%d",
              Path.of(src.get("name").asText()).getFileName(),
              src.get("lines").asLong(),
              src.get("bytes").asLong(),
              src.get("rotations").asLong()));
    }
    return out.toString();
  }

  /** The sequence number a line reports as its bytes. */
  private static String seq(String line) {
    String[] f = line.split(" ");
    return f.length > 9 ? f[9] : "?";
  }

  private LogmonProcess start(Path state) throws IOException {
    return start(state, dir);
  }

  private static LogmonProcess start(Path state, Path logs) throws IOException {
    String glob = logs.resolve("a.log*").toString();
    return state == null
        ? LogmonProcess.start("--output", "json", "--interval", "1s", "--poll", "50ms", glob)
        : LogmonProcess.start(
            "--output",
            "json",
            "--interval",
            "1s",
            "--poll",
            "50ms",
            "--from-start",
            "--state",
            state.toString(),
            glob);
  }

  private static long hits(String report) {
    try {
      return JSON.readTree(report).get("hits_total").asLong();
    } catch (IOException e) {
      throw new AssertionError(report, e);
    }
  }

  private static long bytes(JsonNode summary) {
    return summary.get("bytes_total").asLong();
  }

  /** Line {@code seq} reports {@code seq} bytes, written now. */
  private static RotatingWriter writer(Path dir, int allowedAtOnce) {
    return new RotatingWriter(
        dir,
        ROTATIONS,
        LINES_PER_FILE,
        seq ->
            "192.0.2.9 - - ["
                + ZonedDateTime.now(ZoneOffset.UTC).format(CLF)
                + "] \"GET /seq HTTP/1.1\" 200 "
                + seq
                + " \"-\" \"it\"\n",
        allowedAtOnce);
  }
}
