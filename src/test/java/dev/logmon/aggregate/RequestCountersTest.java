package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.RequestCounts.Durations;
import dev.logmon.aggregate.RequestCounts.Series;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.Sections;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The labelled counters behind /metrics: labels decided at first sight and kept, every hit of a
 * labelled value in its series, bounded label sets, and duration buckets.
 */
class RequestCountersTest {
  private static final long T = 1_700_000_000L;
  private final Aggregator a = new Aggregator(new AggregatorConfig(10, 10, 10, 2));

  private static LogRecord hit(long second, String method, String path, int status) {
    return hit(second, method, path, status, null, LogRecord.NO_DURATION);
  }

  private static LogRecord hit(
      long second, String method, String path, int status, String vhost, long micros) {
    return new LogRecord(
        "10.0.0.1",
        "-",
        second,
        0,
        method,
        path,
        Sections.of(path),
        false,
        status,
        100,
        null,
        null,
        vhost,
        micros);
  }

  private RequestCounts counts() {
    return a.snapshot(a.now() - 1, ZoneOffset.UTC).lifetime().requests();
  }

  private static long sum(RequestCounts c, String section) {
    return c.series().stream()
        .filter(s -> s.section().equals(section))
        .mapToLong(Series::requests)
        .sum();
  }

  /**
   * Regression: a section got its series only once it showed in the lifetime top table, so its
   * earlier hits stayed in (other) for good (24% of a live run's hits, all of a backlog's).
   */
  @Test
  void aSectionsFirstHitsCountUnderItsOwnLabel() {
    for (int i = 0; i < 5; i++) {
      a.add(hit(T, "GET", "/rare/x", 200), T);
    }
    for (int i = 0; i < 50; i++) {
      a.add(hit(T + 1, "GET", "/busy/x", 200), T + 1);
    }
    RequestCounts c = counts();
    assertThat(c.series())
        .containsExactly(
            new Series("/rare", "2xx", "GET", null, 5),
            new Series("/busy", "2xx", "GET", null, 50));
    assertThat(sum(c, Aggregator.OTHER)).isZero();
  }

  @Test
  void fiveHundredsBySectionAreOneSeriesEach() {
    a.add(hit(T, "GET", "/api/a", 503), T);
    a.add(hit(T, "POST", "/api/b", 500), T);
    a.add(hit(T, "GET", "/api/c", 200), T);
    a.add(hit(T, "BREW", "/pot", 418), T); // an uncommon method is (other)
    assertThat(counts().series())
        .containsExactly(
            new Series("/api", "5xx", "GET", null, 1),
            new Series("/api", "5xx", "POST", null, 1),
            new Series("/api", "2xx", "GET", null, 1),
            new Series("/pot", "4xx", "(other)", null, 1));
  }

  @Test
  void sectionsBeyondTheCapAreOtherAndNothingIsLost() {
    int n = RequestCounters.SECTIONS * 3;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a.add(hit(T + i, "GET", "/s" + i + "/x", 200), T + i);
      }
    }
    RequestCounts c = counts();
    assertThat(c.series()).hasSize(RequestCounters.SECTIONS + 1);
    for (int i = 0; i < RequestCounters.SECTIONS; i++) {
      assertThat(sum(c, "/s" + i)).isEqualTo(i + 1); // the first ones seen, whatever their size
    }
    assertThat(c.total()).isEqualTo(a.hits()).isEqualTo((long) n * (n + 1) / 2);
  }

  /**
   * Section ids are recycled once no bucket or lifetime row holds them: a new section taking a
   * labelled section's old id must not count under that label.
   */
  @Test
  void aRecycledSectionIdDoesNotInheritALabel() {
    Aggregator small = new Aggregator(new AggregatorConfig(2, 2, 2, 2), 1);
    for (int i = 0; i < 40; i++) {
      small.add(hit(T + 10L * i, "GET", "/s" + i + "/x", 200), T + 10L * i);
    }
    small.add(hit(T + 500, "GET", "/s3/x", 200), T + 500); // labelled long ago, its id long gone
    RequestCounts c = small.snapshot(small.now() - 1, ZoneOffset.UTC).lifetime().requests();
    assertThat(sum(c, "/s3")).isEqualTo(2);
    assertThat(sum(c, "/s0")).isEqualTo(1);
    assertThat(sum(c, Aggregator.OTHER)).isEqualTo(40 - RequestCounters.SECTIONS);
  }

  @Test
  void lateHitsCount() {
    a.add(hit(T + 100, "GET", "/a", 200), T + 100);
    a.add(hit(T, "GET", "/a", 200), T); // older than every window: lifetime only
    assertThat(a.snapshot(T + 99, ZoneOffset.UTC).lifetime().late()).isEqualTo(1);
    assertThat(counts().series()).containsExactly(new Series("/a", "2xx", "GET", null, 2));
  }

  @Test
  void futureHitsCount() {
    a.add(hit(T, "GET", "/a", 200), T);
    a.addFuture(hit(T + 86_400 * 365, "POST", "/a", 500, "v.example", 7_000));
    RequestCounts c = counts();
    assertThat(c.series())
        .containsExactly(
            new Series("/a", "2xx", "GET", null, 1),
            new Series("/a", "5xx", "POST", "v.example", 1));
    assertThat(c.total()).isEqualTo(a.hits());
    assertThat(c.durations().get(0).count()).isEqualTo(1);
  }

  @Test
  void labelTextsAreClippedAndNeverShared() {
    String base = "/" + "p".repeat(200);
    a.add(hit(T, "GET", base + "1/x", 200), T);
    a.add(hit(T, "GET", base + "2/x", 200), T); // the same first 120 characters: (other)
    a.add(hit(T, "GET", "/x", 200, "", LogRecord.NO_DURATION), T); // an empty vhost
    List<Series> s = counts().series();
    assertThat(s.get(0).section()).hasSize(LabelTable.MAX_TEXT);
    assertThat(s.get(1).section()).isEqualTo(Aggregator.OTHER);
    assertThat(s.get(2).vhost()).isEqualTo("(empty)");
  }

  @Test
  void vhostsAreALabelWhereTheLogHasThem() {
    a.add(hit(T, "GET", "/a", 200, "a.example", LogRecord.NO_DURATION), T);
    a.add(hit(T, "GET", "/a", 200, null, LogRecord.NO_DURATION), T);
    for (int i = 0; i < RequestCounters.VHOSTS + 5; i++) {
      a.add(hit(T, "GET", "/a", 200, "h" + i + ".example", LogRecord.NO_DURATION), T);
    }
    RequestCounts c = counts();
    assertThat(c.series().subList(0, 2))
        .containsExactly(
            new Series("/a", "2xx", "GET", "a.example", 1),
            new Series("/a", "2xx", "GET", null, 1));
    assertThat(c.series()).hasSize(RequestCounters.VHOSTS + 2);
    assertThat(c.series().get(c.series().size() - 1))
        .isEqualTo(new Series("/a", "2xx", "GET", "(other)", 6));
  }

  @Test
  void labelSetsAreCappedWithTheRestUnderOther() {
    String[] methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    int[] statuses = {200, 301, 404, 500};
    long n = 0;
    for (int v = 0; v < RequestCounters.VHOSTS; v++) {
      for (int s = 0; s < RequestCounters.SECTIONS; s++) {
        for (String m : methods) {
          for (int status : statuses) {
            a.add(hit(T, m, "/s" + s, status, "v" + v, LogRecord.NO_DURATION), T);
            n++;
          }
        }
      }
    }
    RequestCounts c = counts();
    assertThat(n).isGreaterThan(RequestCounters.SERIES_CAP);
    assertThat(c.series()).hasSize(RequestCounters.SERIES_CAP + statuses.length);
    assertThat(c.total()).isEqualTo(n);
    List<Series> overflow = c.series().subList(RequestCounters.SERIES_CAP, c.series().size());
    assertThat(overflow)
        .allMatch(
            s ->
                s.section().equals("(other)")
                    && s.method().equals("(other)")
                    && s.vhost().equals("(other)"));
  }

  @Test
  void durationsFillBucketsBySection() {
    a.add(hit(T, "GET", "/a", 200, null, 1_000), T); // at a bound: that bucket
    a.add(hit(T, "GET", "/a", 200, null, 1_001), T);
    a.add(hit(T, "GET", "/a", 200, null, 60_000_000), T); // past the last bound
    a.add(hit(T, "GET", "/b", 200), T);
    List<Durations> d = counts().durations();
    assertThat(d).hasSize(1);
    assertThat(d.get(0).section()).isEqualTo("/a");
    assertThat(d.get(0).buckets())
        .containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
    assertThat(d.get(0).sumSeconds()).isEqualTo(60.002001);
    assertThat(d.get(0).count()).isEqualTo(3);
    assertThat(RequestCounts.bucketSeconds()).startsWith(0.001, 0.0025).endsWith(10.0);
  }

  @Test
  void aLogWithoutDurationsHasNoHistogram() {
    a.add(hit(T, "GET", "/a", 200), T);
    assertThat(counts().durations()).isEmpty();
  }
}
