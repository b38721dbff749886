package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ClfParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counting a chunk's rows through the per-chunk id cache gives what counting the same lines as
 * records gives, also when a client's id is released and handed to another client in the middle of
 * the chunk.
 */
class ChunkCacheTest {
  private static final AggregatorConfig CONFIG = new AggregatorConfig(4, 4, 4, 10);

  private static String line(String host, String path, int second) {
    return host
        + " - - [14/Nov/2023:22:13:"
        + String.format("%02d", second)
        + " +0000] \"GET "
        + path
        + " HTTP/1.1\" 200 10 \"-\" \"x\"\n";
  }

  @Test
  void anIdReleasedAndReusedWithinTheChunkIsLookedUpAgain() {
    // The lifetime tables hold 2 keys (x and y), so a and c are kept only by their ring buckets.
    // b at second 5 recycles second 0's bucket: a is released. c takes a's freed id. When a comes
    // back, its cached id is c's: counting it there would credit c with a's hits.
    String text =
        line("10.0.0.1", "/x/1", 0)
            + line("10.0.0.2", "/y/1", 0)
            + line("10.0.0.9", "/a/1", 0)
            + line("10.0.0.3", "/b/1", 5)
            + line("10.0.0.4", "/c/1", 6)
            + line("10.0.0.9", "/a/1", 7)
            + line("10.0.0.9", "/a/1", 7);
    Aggregator rows = new Aggregator(CONFIG, 2);
    Aggregator records = new Aggregator(CONFIG, 2);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    ParsedLines parsed = new ParsedLines();
    new ChunkParser(1024, RowParser.clf()).parse(bytes, 0, bytes.length, true, parsed);
    assertThat(parsed.size()).isEqualTo(7);
    ClfParser clf = new ClfParser();
    for (int i = 0; i < parsed.size(); i++) {
      rows.add(parsed, i, parsed.second(i));
      LogRecord r = ((ParseResult.Parsed) clf.parse(parsed.text(i))).record();
      records.add(r, r.epochSecond());
    }

    TrafficSnapshot fromRows = rows.snapshot(rows.now(), ZoneOffset.UTC);
    TrafficSnapshot fromRecords = records.snapshot(records.now(), ZoneOffset.UTC);
    assertThat(fromRows).isEqualTo(fromRecords);
    List<String> hosts =
        fromRows.frame().topHosts().stream().map(h -> h.host() + "=" + h.hits()).toList();
    assertThat(hosts).containsExactlyInAnyOrder("10.0.0.9=2", "10.0.0.4=1", "10.0.0.3=1");
  }

  @Test
  void aNewChunkDoesNotReuseTheLastChunksNumbers() {
    // Key 0 of the first chunk is one client, key 0 of the second another.
    Aggregator agg = new Aggregator(CONFIG);
    ChunkParser parser = new ChunkParser(1024, RowParser.clf());
    ParsedLines parsed = new ParsedLines();
    for (String host : new String[] {"10.0.0.1", "10.0.0.2"}) {
      byte[] bytes = line(host, "/p", 1).getBytes(StandardCharsets.US_ASCII);
      parser.parse(bytes, 0, bytes.length, true, parsed);
      agg.add(parsed, 0, parsed.second(0));
    }
    assertThat(agg.snapshot(agg.now(), ZoneOffset.UTC).frame().topHosts())
        .extracting(h -> h.host() + "=" + h.hits())
        .containsExactlyInAnyOrder("10.0.0.1=1", "10.0.0.2=1");
  }
}
