package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The breakdowns against a log counted by hand ({@code logs/breakdowns.log}: queries and fragments
 * dropped from paths, a hit held as a record for its non-ASCII path, a malformed request and a
 * malformed line), and bounded tables that say when they estimate.
 */
class BreakdownsTest {
  private static Breakdowns count(byte[] log, int chunkLines) {
    Breakdowns b = new Breakdowns();
    ChunkParser parser = new ChunkParser(4096, RowParser.clf());
    ChunkTally tally = new ChunkTally();
    ParsedLines lines = new ParsedLines();
    // In chunks of a few lines, so keys repeat across chunks as in a replay.
    int from = 0;
    while (from < log.length) {
      int to = from;
      for (int n = 0; n < chunkLines && to < log.length; to++) {
        if (log[to] == '\n') {
          n++;
        }
      }
      parser.parse(log, from, to, true, lines);
      tally.build(lines);
      b.add(lines, tally);
      from = to;
    }
    return b;
  }

  private static List<String> rows(BreakdownTable t) {
    assertThat(t.estimated()).isFalse();
    return t.rows().stream().map(c -> c.key() + " " + c.count()).toList();
  }

  @Test
  void countsAHandCountedLog() throws Exception {
    byte[] log = Files.readAllBytes(Path.of("src/test/resources/logs/breakdowns.log"));
    for (int chunkLines : new int[] {1, 3, 100}) {
      BreakdownSnapshot s = count(log, chunkLines).snapshot(10);
      assertThat(rows(s.paths()))
          .as("paths, chunks of %d lines", chunkLines)
          .containsExactly("/a 3", "/api/v1/orders 2", "/missing 2", "/caf\u00e9 1");
      assertThat(rows(s.notFoundPaths())).containsExactly("/missing 2", "/caf\u00e9 1");
      assertThat(rows(s.serverErrorPaths())).containsExactly("/api/v1/orders 2");
      assertThat(rows(s.statuses()))
          .containsExactly("404 3", "200 2", "304 1", "400 1", "500 1", "503 1");
      assertThat(rows(s.agents()))
          .containsExactly(
              "Chrome 2", "Googlebot 2", "curl 2", "(none) 1", "Firefox 1", "Safari 1");
      assertThat(rows(s.referrers()))
          .containsExactly("www.google.com 3", "blog.example.org 1", "shop.example.com 1");
      assertThat(rows(s.vhostSections())).isEmpty();
    }
  }

  @Test
  void countsSectionsPerVirtualHost() {
    String log =
        """
        shop.example.com 192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET /api/x HTTP/1.1" 200 1 "-" "-"
        shop.example.com 192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET /api/y HTTP/1.1" 200 1 "-" "-"
        blog.example.com 192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET /api/x HTTP/1.1" 200 1 "-" "-"
        shop.example.com 192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-"
        """;
    BreakdownSnapshot s = count(log.getBytes(StandardCharsets.UTF_8), 100).snapshot(10);
    assertThat(rows(s.vhostSections()))
        .containsExactly("shop.example.com/api 2", "blog.example.com/api 1", "shop.example.com/ 1");
  }

  /** Past its map's size a table keeps bounded memory, estimates, and says so. */
  @Test
  void manyDistinctPathsAreEstimatedAndSaySo() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      String path = i % 4 == 0 ? "/popular" : "/unique/" + i;
      log.append("192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] \"GET ")
          .append(path)
          .append(" HTTP/1.1\" 200 1 \"-\" \"-\"\n");
    }
    BreakdownTable paths =
        count(log.toString().getBytes(StandardCharsets.UTF_8), 500).snapshot(5).paths();
    assertThat(paths.estimated()).isTrue();
    assertThat(paths.maxError()).isPositive();
    assertThat(paths.rows().get(0).key()).isEqualTo("/popular");
    // The estimate is within the stated error of the true count, 1,250.
    assertThat(paths.rows().get(0).count()).isBetween(1_250L, 1_250L + paths.maxError());
  }

  @Test
  void referrerHostsAreTheHostPart() {
    assertThat(ReferrerHosts.of("https://a.example:443/x")).isEqualTo("a.example");
    assertThat(ReferrerHosts.of("http://u:p@b.example/")).isEqualTo("b.example");
    assertThat(ReferrerHosts.of("android-app://com.example.app")).isEqualTo("com.example.app");
    assertThat(ReferrerHosts.of("-")).isNull();
    assertThat(ReferrerHosts.of("/relative")).isNull();
    assertThat(ReferrerHosts.of("https://")).isNull();
  }
}
