package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Common/Combined-family log in the test resources (the corpus of real and synthetic logs in
 * {@code logs/corpus}, see its NOTICE.md, and the short excerpts beside it), replayed by the real
 * program: each line is either a hit or malformed, and the status classes agree with an independent
 * count by awk.
 */
class LogCorpusIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path LOGS = Path.of("src/test/resources/logs");

  static Stream<Path> logs() throws IOException {
    List<Path> logs = new ArrayList<>();
    for (Path dir : List.of(LOGS.resolve("corpus"), LOGS)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(logs::add);
      }
    }
    assertThat(logs).hasSizeGreaterThanOrEqualTo(8);
    return logs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void hitsPlusMalformedIsTheLineCountAndStatusClassesMatchAwk(Path log) throws Exception {
    JsonNode summary;
    try (LogmonProcess p = LogmonProcess.start("--replay", "--output", "json", log.toString())) {
      assertThat(p.waitFor(Duration.ofMinutes(2))).isZero();
      List<String> out = p.stdout();
      summary = JSON.readTree(out.get(out.size() - 1));
    }
    assertThat(summary.get("type").asText()).isEqualTo("summary");

    long lines = Long.parseLong(awk("END { print NR }", log).trim());
    assertThat(summary.get("hits_total").asLong() + summary.get("malformed_total").asLong())
        .as("hits_total + malformed_total for %s", log.getFileName())
        .isEqualTo(lines);

    // The status follows the request's closing quote; the request may hold \" but never '" NNN '.
    Map<String, Long> expected = new HashMap<>();
    for (String row :
        awk(
                "match($0, /\" [0-9][0-9][0-9] /) { c[substr($0, RSTART + 2, 1) \"xx\"]++ }"
                    + " END { for (k in c) print k, c[k] }",
                log)
            .split("\n")) {
      if (!row.isBlank()) {
        String[] kv = row.trim().split(" ");
        expected.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    JsonNode classes = summary.get("status_classes");
    for (String c : List.of("1xx", "2xx", "3xx", "4xx", "5xx")) {
      assertThat(classes.get(c).asLong())
          .as("%s in %s", c, log.getFileName())
          .isEqualTo(expected.getOrDefault(c, 0L));
    }
  }

  private static String awk(String program, Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("awk", program, file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("awk exit code, output: %s", out).isZero();
    return out;
  }
}
