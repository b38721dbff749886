package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --persist} of the breakdowns: counting a log in two runs, the second restored from the
 * first's saved state, gives the tables of one run over the whole log (exactly while the sketches
 * hold every key; within the stated error past that), and a damaged or hostile state is refused.
 */
class BreakdownStateTest {
  /** {@code lines} hits over {@code paths} distinct paths, with referrers, agents and statuses. */
  private static byte[] log(int from, int to, int paths) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      int status = i % 13 == 0 ? 404 : i % 31 == 0 ? 503 : 200;
      b.append("10.0.0.")
          .append(i % 50)
          .append(" - - [01/Mar/2026:10:00:00 +0000] \"GET /p")
          .append(i % paths)
          .append("?q=")
          .append(i)
          .append(" HTTP/1.1\" ")
          .append(status)
          .append(" 100 \"https://site")
          .append(i % 17)
          .append(".example/x\" \"")
          .append(
              i % 3 == 0 ? "curl/8.0" : "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0")
          .append("\"\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void count(Breakdowns b, byte[] log) {
    ChunkParser parser = new ChunkParser(4096, RowParser.clf());
    ChunkTally tally = new ChunkTally();
    ParsedLines lines = new ParsedLines();
    parser.parse(log, 0, log.length, true, lines);
    tally.build(lines);
    b.add(lines, tally);
  }

  /** One run over lines [0, n), or two: [0, half) saved, restored, then [half, n). */
  private static BreakdownSnapshot run(int n, int half, int paths) {
    Breakdowns first = new Breakdowns();
    count(first, log(0, half, paths));
    BreakdownState saved = first.state();
    Breakdowns.check(saved);
    Breakdowns second = new Breakdowns();
    second.restore(saved);
    count(second, log(half, n, paths));
    return second.snapshot(HistorySnapshot.ROWS);
  }

  @Test
  void twoRunsWithARestoreInBetweenEqualOneRun() {
    BreakdownSnapshot once = run(6000, 0, 400);
    BreakdownSnapshot twice = run(6000, 2500, 400);
    assertThat(once.paths().estimated()).isFalse();
    assertThat(once.paths().rows()).hasSize(HistorySnapshot.ROWS);
    assertThat(once.referrers().rows()).hasSize(17);
    assertThat(once.agents().rows()).extracting(Count::key).contains("curl", "Firefox");
    assertThat(twice).isEqualTo(once);
  }

  /**
   * Past the sketches' capacity (2,000 distinct paths, 768 kept) the merged table is an estimate,
   * as a single run's is; each row is then within its stated error of the true count.
   */
  @Test
  void pastCapacityTheRestoredTablesStayWithinTheirError() {
    int n = 12_000;
    int paths = 2_000;
    Map<String, Long> truth = new HashMap<>();
    for (int i = 0; i < n; i++) {
      truth.merge("/p" + (i % paths), 1L, Long::sum);
    }
    BreakdownTable t = run(n, 5_000, paths).paths();
    assertThat(t.estimated()).isTrue();
    assertThat(t.rows()).isNotEmpty();
    for (Count c : t.rows()) {
      assertThat(c.count())
          .as(c.key())
          .isBetween(truth.get(c.key()), truth.get(c.key()) + t.maxError());
    }
  }

  @Test
  void aDamagedOrHostileStateIsRefused() {
    Breakdowns b = new Breakdowns();
    count(b, log(0, 100, 10));
    BreakdownState good = b.state();
    byte[] paths = Base64.getDecoder().decode(good.sketches().get("paths"));
    byte[] huge = paths.clone();
    huge[4] = 30; // a current map of 2^30 entries
    byte[] many = paths.clone();
    many[11] = 0x10; // 2^28 keys
    byte[] cut = java.util.Arrays.copyOf(paths, paths.length / 2);
    for (byte[] sketch : List.of(huge, many, cut)) {
      BreakdownState bad =
          new BreakdownState(
              Map.of("paths", Base64.getEncoder().encodeToString(sketch)),
              good.statuses(),
              good.agents());
      assertThatThrownBy(() -> Breakdowns.check(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    BreakdownState notBase64 = new BreakdownState(Map.of("paths", "**"), List.of(), List.of());
    assertThatThrownBy(() -> Breakdowns.check(notBase64))
        .isInstanceOf(IllegalArgumentException.class);
    BreakdownState badCode = new BreakdownState(Map.of(), List.of(new Count("2000", 1)), List.of());
    assertThatThrownBy(() -> Breakdowns.check(badCode))
        .isInstanceOf(IllegalArgumentException.class);
    Breakdowns.check(good);
  }
}
