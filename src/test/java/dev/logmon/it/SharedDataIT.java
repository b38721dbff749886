package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real log in ../shared/data, replayed by the real program: each line is either a hit or
 * malformed, and the status classes agree with an independent count by awk.
 *
 * <p>CI always has ../shared beside the checkout, so there a missing folder fails the run; on a
 * developer machine without it the test is skipped.
 */
class SharedDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path dataDir() {
    Path dir = Path.of(System.getProperty("user.dir")).resolve("../shared/data").normalize();
    if (!Files.isDirectory(dir)) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI is set but " + dir + " does not exist");
      }
      Assumptions.abort("no " + dir + " on this machine");
    }
    return dir;
  }

  static Stream<Path> logs() throws IOException {
    try (Stream<Path> files = Files.list(dataDir())) {
      List<Path> logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
      assertThat(logs).isNotEmpty();
      return logs.stream();
    }
  }

  @ParameterizedTest
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
