package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ClfParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics section counters: bounded, never dropped, adding up to the hits, never shrinking. */
class SectionCountersTest {
  private static final long T = 1_700_000_000L;
  private final Aggregator a = new Aggregator(new AggregatorConfig(10, 10, 10, 2));

  private void add(String path, int n) {
    String line =
        "10.0.0.1 - - [14/Nov/2023:22:13:20 +0000] \"GET " + path + " HTTP/1.1\" 200 1 \"-\" \"t\"";
    LogRecord r = ((ParseResult.Parsed) new ClfParser().parse(line)).record();
    for (int i = 0; i < n; i++) {
      a.add(r);
    }
  }

  private List<Count> counters() {
    return a.snapshot(T, ZoneOffset.UTC).lifetime().sectionCounters();
  }

  @Test
  void sectionsArePinnedWhenTopAndKeptAfterwards() {
    add("/a", 3);
    add("/b", 2);
    // Nothing pinned before this first snapshot: every hit so far is (other).
    assertThat(counters())
        .containsExactly(new Count("/a", 0), new Count("/b", 0), new Count(Aggregator.OTHER, 5));
    add("/c", 10);
    add("/a", 1);
    // /c is now top and gets pinned; /b left the top two but keeps its series.
    assertThat(counters())
        .containsExactly(
            new Count("/a", 1),
            new Count("/b", 0),
            new Count("/c", 0),
            new Count(Aggregator.OTHER, 15));
    add("/c", 4);
    List<Count> c = counters();
    assertThat(c).contains(new Count("/c", 4));
    assertThat(c.stream().mapToLong(Count::count).sum()).isEqualTo(a.hits());
  }

  @Test
  void atMostTheCapOfSectionsGetASeries() {
    for (int i = 0; i < Aggregator.COUNTER_SECTIONS * 3; i++) {
      add("/s" + i, 100 + i); // each new section is the top one when the snapshot is taken
      counters();
    }
    List<Count> c = counters();
    assertThat(c).hasSize(Aggregator.COUNTER_SECTIONS + 1);
    assertThat(c.get(c.size() - 1).key()).isEqualTo(Aggregator.OTHER);
    assertThat(c.stream().mapToLong(Count::count).sum()).isEqualTo(a.hits());
  }
}
