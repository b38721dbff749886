package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole run's history: exact per minute, folded into hours and days past its caps. */
class HistoryTest {
  private static long hits(HistoryCounts c) {
    long n = c.earlier() == null ? 0 : c.earlier().hits();
    for (HistoryCounts.Bucket b : c.all()) {
      n += b.hits();
    }
    return n;
  }

  @Test
  void countsHitsErrorsAndBytesPerMinute() {
    History h = new History();
    h.count(120, 1, 0, 0, 10);
    h.count(179, 2, 1, 1, 5);
    h.count(180, 1, 0, 1, 7);
    h.count(60, 1, 1, 0, 1); // out of order: its own minute
    HistoryCounts c = h.counts();
    assertThat(c.minutes())
        .containsExactly(
            new HistoryCounts.Bucket(60, 60, 1, 1, 0, 1, null),
            new HistoryCounts.Bucket(120, 60, 3, 1, 1, 15, null),
            new HistoryCounts.Bucket(180, 60, 1, 0, 1, 7, null));
    assertThat(c.hours()).isEmpty();
  }

  @Test
  void oldMinutesFoldIntoHoursAndDaysWithEveryHitKept() {
    History h = new History();
    int minutes = History.MINUTE_CAP + 3 * 60;
    for (long m = 0; m < minutes; m++) {
      h.count(m * 60, 2, 1, 0, 3);
    }
    HistoryCounts c = h.counts();
    assertThat(c.minutes()).hasSize(History.MINUTE_CAP);
    assertThat(c.hours()).hasSize(3);
    assertThat(c.hours().get(0))
        .isEqualTo(new HistoryCounts.Bucket(0, 3600, 120, 60, 0, 180, null));
    assertThat(hits(c)).isEqualTo(2L * minutes);
    // A late hit in a folded hour goes to that hour, not back to a minute.
    h.count(30, 1, 0, 0, 0);
    assertThat(h.counts().hours().get(0).hits()).isEqualTo(121);
    assertThat(h.counts().minutes()).hasSize(History.MINUTE_CAP);
  }

  @Test
  void scatteredTimestampsStayBounded() {
    History h = new History();
    long n = History.MINUTE_CAP + History.HOUR_CAP + History.DAY_CAP + 500;
    for (long i = 0; i < n; i++) {
      h.count(i * 86_400 * 2, 1, 0, 0, 0); // every other day: no two in a bucket
    }
    HistoryCounts c = h.counts();
    assertThat(c.minutes()).hasSizeLessThanOrEqualTo(History.MINUTE_CAP);
    assertThat(c.hours()).hasSizeLessThanOrEqualTo(History.HOUR_CAP);
    assertThat(c.days()).hasSizeLessThanOrEqualTo(History.DAY_CAP);
    assertThat(c.earlier()).isNotNull();
    assertThat(hits(c)).isEqualTo(n);
  }

  @Test
  void aRestoredHistoryGoesOnAsTheOriginalWould() {
    History whole = new History();
    History first = new History();
    long minutes = History.MINUTE_CAP + 500;
    for (long m = 0; m < minutes; m++) {
      whole.count(m * 60, 1, 0, 0, 1);
      if (m < minutes / 2) {
        first.count(m * 60, 1, 0, 0, 1);
      }
      whole.status(200 + (int) (m % 3), 1);
      if (m < minutes / 2) {
        first.status(200 + (int) (m % 3), 1);
      }
    }
    History second = new History();
    second.restore(first.counts());
    for (long m = minutes / 2; m < minutes; m++) {
      second.count(m * 60, 1, 0, 0, 1);
      second.status(200 + (int) (m % 3), 1);
    }
    assertThat(second.counts()).isEqualTo(whole.counts());
  }

  @Test
  void statusCodesPastTheCapFoldIntoOther() {
    History h = new History();
    for (int code = 0; code < History.STATUS_CAP + 5; code++) {
      h.status(code, 1);
    }
    List<Count> s = h.counts().statuses();
    assertThat(s).hasSize(History.STATUS_CAP + 1);
    assertThat(s).contains(new Count(Aggregator.OTHER, 5));
  }

  @Test
  void durationsFoldAndRestoreWithTheirBuckets() {
    History whole = new History();
    History first = new History();
    long minutes = History.MINUTE_CAP + 120;
    for (long m = 0; m < minutes; m++) {
      for (History h : m < minutes / 2 ? List.of(whole, first) : List.of(whole)) {
        h.count(m * 60, 2, 0, 0, 1);
        h.duration(m * 60, 1_000 * (1 + m % 50));
        if (m % 3 == 0) {
          h.duration(m * 60 + 1, 250_000);
        }
      }
    }
    History second = new History();
    second.restore(first.counts());
    for (long m = minutes / 2; m < minutes; m++) {
      second.count(m * 60, 2, 0, 0, 1);
      second.duration(m * 60, 1_000 * (1 + m % 50));
      if (m % 3 == 0) {
        second.duration(m * 60 + 1, 250_000);
      }
    }
    HistoryCounts c = second.counts();
    assertThat(c).isEqualTo(whole.counts());
    long timed = 0;
    for (HistoryCounts.Bucket b : c.all()) {
      timed += b.durations() == null ? 0 : b.durations().total();
    }
    assertThat(timed).isEqualTo(minutes + (minutes + 2) / 3);
    assertThat(c.hours().get(0).durations()).isNotNull();
  }

  @Test
  void quantilesAreWithinTheBucketWidth() {
    long[] counts = new long[DurationCounts.BUCKETS];
    for (long micros = 1_000; micros <= 100_000; micros += 1_000) {
      counts[DurationCounts.bucket(micros)]++;
    }
    assertThat(DurationCounts.quantileMillis(counts, 0.5)).isBetween(50 / 1.3, 50 * 1.3);
    assertThat(DurationCounts.quantileMillis(counts, 0.99)).isBetween(99 / 1.3, 99 * 1.3);
    assertThat(DurationCounts.quantileMillis(new long[DurationCounts.BUCKETS], 0.5)).isZero();
  }
}
