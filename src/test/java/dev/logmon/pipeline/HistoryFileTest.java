package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.BreakdownState;
import dev.logmon.aggregate.Breakdowns;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.DurationCounts;
import dev.logmon.aggregate.HistoryCounts;
import dev.logmon.aggregate.HistoryCounts.Bucket;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LifetimeState;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.parse.MalformedReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --persist file reads back what was written, and a damaged one is refused with a note. */
class HistoryFileTest {
  @TempDir Path dir;

  private static LifetimeState state() {
    return new LifetimeState(
        10,
        2048,
        3,
        1,
        2,
        3_600L,
        List.of(0L, 0L, 7L, 1L, 1L, 1L),
        Map.of(MalformedReason.EMPTY, 4L),
        List.of(new SectionStat("/api \"x\"", 6, 0, 1), new SectionStat("(other)", 4, 0, 0)),
        List.of(new HostStat("10.0.0.1", 2000, 9), new HostStat("(other)", 48, 1)),
        List.of(new Count("GET", 9), new Count("(none)", 1)),
        new HistoryCounts(
            List.of(new Bucket(1_700_003_600L, 60, 5, 1, 1, 1000, durations())),
            List.of(new Bucket(1_700_000_000L, 3600, 4, 0, 0, 1000, null)),
            List.of(),
            new Bucket(Long.MIN_VALUE, 0, 1, 0, 0, 48, null),
            List.of(new Count("200", 7), new Count("404", 1)),
            1_700_003_600L,
            Long.MIN_VALUE,
            Long.MIN_VALUE),
        List.of(new Count("health", 12), new Count("robots", 0)),
        List.of(new Count("shop.example.com", 8), new Count("(other)", 2)),
        new BreakdownState(
            new Breakdowns().state().sketches(),
            List.of(new Count("200", 7), new Count("404", 1)),
            List.of(new Count("curl", 3))));
  }

  private static DurationCounts durations() {
    long[] c = new long[DurationCounts.BUCKETS];
    c[3] = 4;
    c[DurationCounts.BUCKETS - 1] = 1;
    return DurationCounts.of(c);
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    Path f = dir.resolve("s.history");
    HistoryFile.write(f, state());
    List<String> notes = new ArrayList<>();
    LifetimeState back = HistoryFile.load(f, notes::add);
    assertThat(notes).isEmpty();
    // Shares are not kept: they are recomputed from the hits.
    assertThat(back).isEqualTo(state());
  }

  @Test
  void noFileIsAFirstRun() {
    List<String> notes = new ArrayList<>();
    assertThat(HistoryFile.load(dir.resolve("none"), notes::add)).isNull();
    assertThat(notes).isEmpty();
  }

  @Test
  void aDamagedFileIsNotedAndTheCountsStartAtZero() throws Exception {
    Path f = dir.resolve("s.history");
    HistoryFile.write(f, state());
    String whole = Files.readString(f);
    for (String damaged :
        List.of(
            whole.substring(0, whole.length() / 2),
            "[]",
            "{\"version\":1}",
            whole.replace("\"version\":2", "\"version\":1"),
            whole.replace("[\"200\",7]", "[\"20\",7]"),
            "x",
            "")) {
      Files.writeString(f, damaged);
      List<String> notes = new ArrayList<>();
      assertThat(HistoryFile.load(f, notes::add)).isNull();
      assertThat(notes).singleElement().asString().contains("counts start at zero");
    }
  }
}
