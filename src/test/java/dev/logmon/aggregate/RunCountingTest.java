package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counting a chunk by runs ({@link Aggregator#addRun}) leaves the aggregator exactly as counting
 * the same rows one by one does: the same snapshot after every run, the same history after every
 * chunk, and the same keys held, on logs with out-of-order, late and malformed lines, placeholder
 * sections, odd status codes, two zone offsets, a lifetime cap small enough to overflow, and keys
 * released and reused as seconds leave the ring.
 */
class RunCountingTest {
  private static final String[] MON = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String[] ODD_REQUESTS = {
    "-", "OPTIONS * HTTP/1.0", "CONNECT example.com:443 HTTP/1.1", "GET /a b HTTP/1.1", ""
  };
  private static final int[] STATUSES = {200, 200, 200, 304, 404, 500, 503, 101, 999, 600};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void runsCountAsTheirRowsDo(long seed) {
    Random r = new Random(seed);
    int span = 4 + r.nextInt(12);
    AggregatorConfig config = new AggregatorConfig(span, Math.min(span, 3), Math.min(span, 5), 4);
    int cap = 3 + r.nextInt(40);
    Aggregator byRuns = new Aggregator(config, cap);
    Aggregator byRows = new Aggregator(config, cap);
    byte[] log = log(r, 6_000, 5 + r.nextInt(400), 20 + r.nextInt(300), 2 + r.nextInt(60));
    ChunkParser parser = new ChunkParser(4096, RowParser.clf());
    ParsedLines chunk = new ParsedLines();
    RunSums runs = new RunSums();
    int grouped = 0;
    int longest = 0;
    int from = 0;
    while (from < log.length) {
      int to = Math.min(log.length, from + 1 + r.nextInt(60_000));
      while (to < log.length && log[to - 1] != '\n') {
        to++;
      }
      parser.parse(log, from, to, to == log.length, chunk);
      runs.build(chunk);
      assertThat(runs.rows()).isEqualTo(chunk.size());
      for (int k = 0; k < runs.count(); k++) {
        if (runs.grouped(k)) {
          byRuns.addRun(chunk, runs, k, chunk.second(runs.from(k)));
          grouped++;
          longest = Math.max(longest, runs.to(k) - runs.from(k));
        }
        for (int i = runs.from(k); i < runs.to(k); i++) {
          if (!runs.grouped(k)) {
            count(byRuns, chunk, i);
          }
          count(byRows, chunk, i);
        }
        assertThat(byRuns.now()).isEqualTo(byRows.now());
        assertThat(byRuns.snapshot(byRuns.now() - 1, ZoneOffset.UTC))
            .as("seed %d, after run %d of a chunk", seed, k)
            .isEqualTo(byRows.snapshot(byRows.now() - 1, ZoneOffset.UTC));
        assertThat(byRuns.keyCount()).as("keys held").isEqualTo(byRows.keyCount());
      }
      assertThat(byRuns.history()).as("history, seed %d", seed).isEqualTo(byRows.history());
      from = to;
    }
    // The log was as awkward as intended.
    TrafficSnapshot end = byRows.snapshot(byRows.now() - 1, ZoneOffset.UTC);
    assertThat(end.lifetime().late()).isPositive();
    assertThat(end.lifetime().malformed()).isNotEmpty();
    assertThat(end.lifetime().malformedRequests()).isPositive();
    assertThat(grouped).isGreaterThan(50);
    assertThat(longest).isGreaterThan(3);
  }

  private static void count(Aggregator a, ParsedLines l, int i) {
    if (l.outcome(i) == ParsedLines.OK || l.outcome(i) == ParsedLines.RECORD) {
      a.add(l, i, l.second(i));
    } else {
      a.addMalformed(l.reason(i));
    }
  }

  /** Lines at about {@code rate} a second from a pool of clients and sections. */
  private static byte[] log(Random r, int lines, double rate, int hosts, int sections) {
    StringBuilder out = new StringBuilder();
    long start = 1_700_000_000L;
    for (int i = 0; i < lines; i++) {
      long s = start + (long) (i / rate);
      int kind = r.nextInt(100);
      if (kind < 4) {
        s -= r.nextInt(20); // out of order
      } else if (kind < 6) {
        s -= 100 + r.nextInt(1000); // late
      } else if (kind == 6) {
        start += r.nextInt(30); // a jump forward
      }
      if (r.nextInt(100) < 3) {
        out.append(
            r.nextBoolean() ? "garbage\n" : "1.2.3.4 - - [broken] \"GET / HTTP/1.1\" 200 1\n");
        continue;
      }
      int offset = r.nextInt(20) == 0 ? 3600 : 0;
      LocalDateTime d = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.ofTotalSeconds(offset));
      String request =
          r.nextInt(50) == 0
              ? ODD_REQUESTS[r.nextInt(ODD_REQUESTS.length)]
              : (r.nextInt(5) == 0 ? "POST" : "GET")
                  + " /s"
                  + (int) Math.min(sections - 1, Math.abs(r.nextGaussian()) * sections / 3)
                  + (r.nextInt(100) == 0 ? "/caf\u00e9" : "/x")
                  + " HTTP/1.1";
      int status = STATUSES[r.nextInt(STATUSES.length)];
      out.append(r.nextInt(100) == 0 ? "-" : "10.0.0." + (int) Math.abs(r.nextGaussian() * hosts))
          .append(" - - [")
          .append(
              String.format(
                  "%02d/%s/%04d", d.getDayOfMonth(), MON[d.getMonthValue() - 1], d.getYear()))
          .append(String.format(":%02d:%02d:%02d", d.getHour(), d.getMinute(), d.getSecond()))
          .append(offset == 0 ? " +0000] \"" : " +0100] \"")
          .append(request)
          .append("\" ")
          .append(status)
          .append(' ')
          .append(r.nextInt(10) == 0 ? "-" : String.valueOf(r.nextInt(50_000)))
          .append(" \"-\" \"agent\"\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
