package dev.logmon.present.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HistoryCounts;
import dev.logmon.aggregate.HistoryCounts.Bucket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report chart's bucket length follows the span, and its size is bounded on any span. */
class ChartSeriesTest {
  private static HistoryCounts minutes(List<Bucket> b) {
    return new HistoryCounts(
        b,
        List.of(),
        List.of(),
        null,
        List.<Count>of(),
        Long.MIN_VALUE,
        Long.MIN_VALUE,
        Long.MIN_VALUE);
  }

  @Test
  void aShortSpanIsDrawnPerMinuteWithTheGapsFilled() {
    ChartSeries c =
        ChartSeries.of(
            minutes(
                List.of(
                    new Bucket(600, 60, 5, 1, 0, 50, null),
                    new Bucket(780, 60, 2, 0, 1, 20, null))));
    assertThat(c.bucketSeconds()).isEqualTo(60);
    assertThat(c.buckets())
        .containsExactly(
            new Bucket(600, 60, 5, 1, 0, 50, null),
            new Bucket(660, 60, 0, 0, 0, 0, null),
            new Bucket(720, 60, 0, 0, 0, 0, null),
            new Bucket(780, 60, 2, 0, 1, 20, null));
  }

  @Test
  void aWeekIsDrawnPerHour() {
    ChartSeries c =
        ChartSeries.of(
            minutes(
                List.of(
                    new Bucket(0, 60, 1, 0, 0, 1, null),
                    new Bucket(7 * 86400, 60, 2, 0, 0, 1, null))));
    assertThat(c.bucketSeconds()).isEqualTo(3600);
    assertThat(c.buckets()).hasSize(7 * 24 + 1);
    assertThat(c.buckets().stream().mapToLong(Bucket::hits).sum()).isEqualTo(3);
  }

  /** Regression: two hits 8,000 years apart must not make millions of day buckets. */
  @Test
  void aSpanOfMillenniaStaysWithinTheBucketLimit() {
    ChartSeries c =
        ChartSeries.of(
            minutes(
                List.of(
                    new Bucket(-60_000_000_000L, 60, 1, 0, 0, 1, null),
                    new Bucket(250_000_000_000L, 60, 1, 0, 0, 1, null))));
    assertThat(c.buckets()).hasSizeLessThanOrEqualTo(ChartSeries.MAX_BUCKETS + 1);
    assertThat(c.buckets().stream().mapToLong(Bucket::hits).sum()).isEqualTo(2);
  }
}
