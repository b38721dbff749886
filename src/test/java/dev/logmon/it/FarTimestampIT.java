package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 end to end, on the real program and real files: a line stamped 2099 neither stalls a
 * follow (output stays a few lines, later lines are counted, SIGTERM prints the summary within 2 s,
 * {@code --state} does not read it again after a restart) nor moves a replay's clock (alerts,
 * recoveries and the summary time are those of the log without it).
 */
class FarTimestampIT {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String Y2099 = "01/Jan/2099:00:00:00 +0000";

  @TempDir Path dir;

  @Test
  void aFollowedLineFrom2099IsFutureAndSigtermStillPrintsTheSummaryAtOnce() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "");
    try (LogmonProcess p = follow(log)) {
      following(p, log);
      Instant appended = Instant.now();
      List<String> lines = new ArrayList<>();
      lines.add(line(Y2099, "/future"));
      for (int i = 0; i < 20; i++) {
        lines.add(line(now(), "/after/" + i));
      }
      LogmonProcess.append(log, lines);
      JsonNode report = json(p.awaitLine(l -> isReport(l) && hits(l) == 21, DEADLINE));
      assertThat(report.get("future_total").asLong()).isEqualTo(1);
      assertThat(report.get("late_total").asLong()).isZero();
      p.awaitErr(l -> l.contains("future line") && l.contains("access.log:1"), DEADLINE);
      assertStop(p, appended, 21, 1);
    }
  }

  @Test
  void withStateTheLineFrom2099IsNotReadAgainAfterARestart() throws Exception {
    Path log = dir.resolve("access.log");
    Path state = dir.resolve("logmon.state");
    Files.writeString(log, "");
    try (LogmonProcess p = follow(log, "--state", state.toString())) {
      following(p, log);
      Instant appended = Instant.now();
      LogmonProcess.append(log, List.of(line(Y2099, "/future"), line(now(), "/a")));
      p.awaitLine(l -> isReport(l) && hits(l) == 2, DEADLINE);
      assertStop(p, appended, 2, 1);
    }
    try (LogmonProcess p = follow(log, "--state", state.toString())) {
      following(p, log);
      Instant appended = Instant.now();
      LogmonProcess.append(log, List.of(line(now(), "/b"), line(now(), "/c")));
      JsonNode report = json(p.awaitLine(l -> isReport(l) && hits(l) == 2, DEADLINE));
      assertThat(report.get("future_total").asLong()).isZero(); // resumed after the 2099 line
      assertStop(p, appended, 2, 0);
    }
  }

  /** Waits until the file is open (at its end): lines appended from now on are read. */
  private static void following(LogmonProcess p, Path log) throws InterruptedException {
    p.awaitLine(
        l -> isReport(l) && l.contains("\"name\":\"" + log + "\",\"state\":\"following\""),
        DEADLINE);
  }

  /** SIGTERM: exit 0 within 2 s, a summary with these totals, and only a few lines in all. */
  private static void assertStop(LogmonProcess p, Instant since, long hits, long future)
      throws InterruptedException {
    long start = System.nanoTime();
    assertThat(p.terminate(DEADLINE)).isZero();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("far timestamp: SIGTERM to exit in %d ms%n", took.toMillis());
    assertThat(took).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(2));
    JsonNode summary = json(p.awaitLine(l -> l.contains("\"type\":\"summary\""), DEADLINE));
    assertThat(summary.get("hits_total").asLong()).isEqualTo(hits);
    assertThat(summary.get("future_total").asLong()).isEqualTo(future);
    assertThat(summary.get("sources").get(0).get("future").asLong()).isEqualTo(future);
    // One report a second (--interval 1s), not one per second up to 2099.
    long seconds = Duration.between(since, Instant.now()).toSeconds();
    assertThat((long) p.stdout().size()).as("lines printed").isLessThanOrEqualTo(seconds + 30);
  }

  @Test
  void aReplayWithALineFrom2099InTheMiddleAlertsAndEndsAsWithoutIt() throws Exception {
    Path clean = dir.resolve("clean.log");
    Path odd = dir.resolve("odd.log");
    List<String> lines = new ArrayList<>();
    long start = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
    for (long s = 0; s < 300; s++) {
      int rate = s >= 100 && s < 160 ? 20 : 2; // a spike of a minute
      for (int i = 0; i < rate; i++) {
        lines.add(line(stamp(start + s), "/p/" + i));
      }
    }
    Files.write(clean, lines, StandardCharsets.UTF_8);
    lines.add(lines.size() / 2, line(Y2099, "/future"));
    Files.write(odd, lines, StandardCharsets.UTF_8);

    List<String> cleanOut = replay(clean);
    List<String> oddOut = replay(odd);
    assertThat(events(cleanOut)).hasSize(2);
    assertThat(events(oddOut)).isEqualTo(events(cleanOut));
    JsonNode cleanSummary = json(cleanOut.get(cleanOut.size() - 1));
    JsonNode oddSummary = json(oddOut.get(oddOut.size() - 1));
    assertThat(oddSummary.get("time").asText())
        .isEqualTo(cleanSummary.get("time").asText())
        .isEqualTo("2026-03-01T12:05:00+00:00");
    assertThat(oddSummary.get("future_total").asLong()).isEqualTo(1);
    assertThat(oddSummary.get("late_total").asLong()).isZero();
    assertThat(oddSummary.get("hits_total").asLong())
        .isEqualTo(cleanSummary.get("hits_total").asLong() + 1);
  }

  private static List<String> replay(Path log) throws IOException, InterruptedException {
    try (LogmonProcess p =
        LogmonProcess.start(
            "--replay", "-o", "json", "--window", "30s", "--threshold", "10", log.toString())) {
      assertThat(p.exitCode()).isZero();
      return p.stdout();
    }
  }

  /** The alert and recovery lines. */
  private static List<String> events(List<String> out) {
    return out.stream()
        .filter(l -> l.contains("\"type\":\"alert\"") || l.contains("\"type\":\"recovery\""))
        .toList();
  }

  private static LogmonProcess follow(Path log, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("--output", "json", "--interval", "1s", "--poll", "50ms", log.toString()));
    args.addAll(0, List.of(more));
    return LogmonProcess.start(args.toArray(String[]::new));
  }

  private static String now() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
  }

  private static String stamp(long epochSecond) {
    return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC).format(CLF);
  }

  private static String line(String stamp, String path) {
    return "192.0.2.7 - - [" + stamp + "] \"GET " + path + " HTTP/1.1\" 200 512 \"-\" \"it/1.0\"";
  }

  private static boolean isReport(String line) {
    return line.contains("\"type\":\"report\"");
  }

  private static long hits(String report) {
    return json(report).get("hits_total").asLong();
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(line, e);
    }
  }
}
