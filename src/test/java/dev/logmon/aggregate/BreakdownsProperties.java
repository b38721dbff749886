package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.agent.AgentFamilies;
import dev.logmon.agent.Crawlers;
import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * While no table holds more distinct keys than its sketch keeps exactly, the breakdowns of a log
 * counted chunk by chunk (each chunk's tally remembering the texts it met, in a buffer reused from
 * chunk to chunk as a replay does) equal a naive count of the same hits, line by line, from the
 * fields the lines were written with, also when a snapshot was taken after every chunk.
 *
 * <p>The texts are built to be hard on the tally's memo of recent texts: agents and referrers of
 * equal length that differ in one byte (in the middle, at either end, past the 32 bytes the memo's
 * slot reads), paths with and without a query, long agents and a non-ASCII path (a hit held as a
 * record).
 */
class BreakdownsProperties {
  /** A Chrome agent: versions differ in three bytes in the middle of 111. */
  private static String chrome(int version) {
    return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
        + version
        + ".0.0.0 Safari/537.36";
  }

  /** One generated hit: the fields it was written with. */
  record Hit(String path, String query, int status, String referrer, String agent) {
    String line() {
      return "192.0.2.1 - - [10/Oct/2026:13:55:36 +0000] \"GET "
          + path
          + query
          + " HTTP/1.1\" "
          + status
          + " 10 \""
          + referrer
          + "\" \""
          + agent
          + "\"\n";
    }
  }

  @Provide
  Arbitrary<List<Hit>> hits() {
    Arbitrary<String> paths =
        Arbitraries.oneOf(
            Arbitraries.of("/", "/a", "/b", "/api/x", "/api/y", "/caf\u00e9", "/a/b/c/d/e/f/g/h"),
            Arbitraries.integers().between(0, 60).map(i -> "/item/" + i + "/reviews"),
            Arbitraries.integers()
                .between(0, 9)
                .map(i -> "/p" + "x".repeat(20) + i + "y".repeat(20)));
    Arbitrary<String> referrers =
        Arbitraries.oneOf(
            Arbitraries.of("-", "", "/relative", "https://", "http://u:p@b.example:80/x"),
            Arbitraries.of("news", "docs", "blog", "help", "cart")
                .map(s -> "https://www.example.com/" + s + "/"),
            Arbitraries.integers().between(0, 9).map(i -> "https://h" + i + ".example/"));
    Arbitrary<String> agents =
        Arbitraries.oneOf(
            Arbitraries.of("-", "", "curl/8.4.0", "curl/8.5.0", "Googlebot/2.1", "x"),
            Arbitraries.integers().between(100, 130).map(BreakdownsProperties::chrome),
            Arbitraries.integers()
                .between(0, 20)
                .map(i -> "a".repeat(i) + "b" + "a".repeat(20 - i)),
            Arbitraries.integers().between(0, 9).map(i -> "z".repeat(300) + i));
    Arbitrary<Hit> hit =
        Combinators.combine(
                paths,
                Arbitraries.of("", "", "?q=1", "?q=2", "#f"),
                Arbitraries.of(200, 200, 301, 404, 500, 503),
                referrers,
                agents)
            .as(Hit::new);
    return hit.list().ofMinSize(1).ofMaxSize(400);
  }

  @Property(tries = 200)
  void chunkedCountsEqualANaiveCount(
      @ForAll("hits") List<Hit> hits,
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 80) Integer> chunkLines) {
    List<String> lines = hits.stream().map(Hit::line).toList();
    BreakdownSnapshot counted = countInChunks(lines, chunkLines).snapshot(Integer.MAX_VALUE);
    BreakdownSnapshot expected = naive(hits);
    assertThat(rows(counted.paths())).isEqualTo(rows(expected.paths()));
    assertThat(rows(counted.notFoundPaths())).isEqualTo(rows(expected.notFoundPaths()));
    assertThat(rows(counted.serverErrorPaths())).isEqualTo(rows(expected.serverErrorPaths()));
    assertThat(rows(counted.statuses())).isEqualTo(rows(expected.statuses()));
    assertThat(rows(counted.agents())).isEqualTo(rows(expected.agents()));
    assertThat(rows(counted.referrers())).isEqualTo(rows(expected.referrers()));
  }

  /**
   * A table's top {@code n} rows are the first {@code n} of all its rows listed most hits first,
   * then by key (the top is picked row by row, not sorted).
   */
  @Property
  void theTopRowsAreTheFirstOfAllRowsInOrder(
      @ForAll("hits") List<Hit> hits, @ForAll @IntRange(min = 0, max = 12) int n) {
    List<String> lines = hits.stream().map(Hit::line).toList();
    Breakdowns b = countInChunks(lines, List.of(7));
    BreakdownSnapshot all = b.snapshot(Integer.MAX_VALUE);
    BreakdownSnapshot top = b.snapshot(n);
    java.util.Comparator<Count> order =
        java.util.Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key);
    for (var tables :
        List.of(
            List.of(all.paths(), top.paths()),
            List.of(all.agents(), top.agents()),
            List.of(all.referrers(), top.referrers()))) {
      List<Count> sorted = tables.get(0).rows().stream().sorted(order).toList();
      assertThat(tables.get(0).rows()).isEqualTo(sorted);
      assertThat(tables.get(1).rows()).isEqualTo(sorted.subList(0, Math.min(n, sorted.size())));
    }
  }

  /** Counted as a replay does: chunks copied into one reused buffer, parsed, tallied, added. */
  private static Breakdowns countInChunks(List<String> lines, List<Integer> chunkLines) {
    Breakdowns b = new Breakdowns();
    ChunkParser parser = new ChunkParser(4096, RowParser.clf());
    ParsedLines rows = new ParsedLines();
    ChunkTally tally = new ChunkTally();
    byte[] buffer = new byte[1 << 16];
    int next = 0;
    for (int c = 0; next < lines.size(); c++) {
      int n = Math.min(chunkLines.get(c % chunkLines.size()), lines.size() - next);
      byte[] chunk =
          String.join("", lines.subList(next, next + n)).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(chunk, 0, buffer, 0, chunk.length);
      parser.parse(buffer, 0, chunk.length, true, rows);
      tally.build(rows);
      b.add(rows, tally);
      b.snapshot(Integer.MAX_VALUE); // as reports between chunks do: the last is kept until an add
      next += n;
    }
    return b;
  }

  /** Each hit counted on its own, from the fields it was written with. */
  private static BreakdownSnapshot naive(List<Hit> hits) {
    Map<String, Long> paths = new HashMap<>();
    Map<String, Long> notFound = new HashMap<>();
    Map<String, Long> serverErrors = new HashMap<>();
    Map<String, Long> statuses = new HashMap<>();
    Map<String, Long> agents = new HashMap<>();
    Map<String, Long> referrers = new HashMap<>();
    AgentFamilies families = new AgentFamilies(Crawlers.load());
    for (Hit h : hits) {
      String path = cut(h.path());
      paths.merge(path, 1L, Long::sum);
      if (h.status() == 404) {
        notFound.merge(path, 1L, Long::sum);
      } else if (h.status() >= 500) {
        serverErrors.merge(path, 1L, Long::sum);
      }
      statuses.merge(Integer.toString(h.status()), 1L, Long::sum);
      agents.merge(families.of(cut(h.agent())), 1L, Long::sum);
      String host = ReferrerHosts.of(h.referrer());
      if (host != null) {
        referrers.merge(host, 1L, Long::sum);
      }
    }
    return new BreakdownSnapshot(
        table(paths),
        table(notFound),
        table(serverErrors),
        table(statuses),
        table(agents),
        table(referrers),
        BreakdownTable.EMPTY);
  }

  private static String cut(String s) {
    return s.length() <= Breakdowns.MAX_KEY ? s : s.substring(0, Breakdowns.MAX_KEY);
  }

  private static BreakdownTable table(Map<String, Long> counts) {
    List<Count> rows = new ArrayList<>();
    counts.forEach((k, v) -> rows.add(new Count(k, v)));
    return new BreakdownTable(rows, false, 0);
  }

  /** A table's rows as a sorted map, checked to be exact. */
  private static Map<String, Long> rows(BreakdownTable t) {
    assertThat(t.estimated()).isFalse();
    Map<String, Long> m = new TreeMap<>();
    t.rows().forEach(c -> m.put(c.key(), c.count()));
    assertThat(m).hasSameSizeAs(t.rows());
    return m;
  }
}
