package dev.logmon.present.report;

import dev.logmon.aggregate.DurationCounts;
import dev.logmon.aggregate.HistoryCounts;
import dev.logmon.aggregate.HistoryCounts.Bucket;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's traffic chart: the history's buckets re-cut to one bucket length, a minute, an hour
 * or a day (several days for a span of years), chosen so the span takes at most about {@value
 * #MAX_BUCKETS} of them (and never finer than the coarsest level the history holds), with every
 * bucket from the first to the last present.
 *
 * @param bucketSeconds the length of every bucket
 * @param buckets consecutive buckets, oldest first, empty for a run without hits
 */
record ChartSeries(int bucketSeconds, List<Bucket> buckets) {
  static final int MAX_BUCKETS = 2880;
  private static final int[] LENGTHS = {60, 3600, 86400};

  ChartSeries {
    buckets = List.copyOf(buckets);
  }

  static ChartSeries of(HistoryCounts h) {
    List<Bucket> all = h.all();
    if (all.isEmpty()) {
      return new ChartSeries(60, List.of());
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int coarsest = 60;
    for (Bucket b : all) {
      first = Math.min(first, b.start());
      last = Math.max(last, b.start() + b.seconds());
      coarsest = Math.max(coarsest, b.seconds());
    }
    // Past MAX_BUCKETS days (a log spanning years, or a stray timestamp), buckets of several days.
    long days = Math.max(1, (last - first) / 86400 / MAX_BUCKETS + 1);
    int length = (int) Math.min(Integer.MAX_VALUE / 86400 * 86400, days * 86400);
    for (int l : LENGTHS) {
      if (l >= coarsest && (last - first) / l <= MAX_BUCKETS) {
        length = l;
        break;
      }
    }
    long start = Math.floorDiv(first, length) * length;
    int n = (int) ((last - start + length - 1) / length);
    long[][] sums = new long[n][4];
    long[][] durations = new long[n][];
    for (Bucket b : all) {
      int i = (int) ((Math.floorDiv(b.start(), length) * length - start) / length);
      long[] s = sums[i];
      if (b.durations() != null) {
        if (durations[i] == null) {
          durations[i] = new long[DurationCounts.BUCKETS];
        }
        for (int d = 0; d < DurationCounts.BUCKETS; d++) {
          durations[i][d] += b.durations().count(d);
        }
      }
      s[0] += b.hits();
      s[1] += b.clientErrors();
      s[2] += b.serverErrors();
      s[3] += b.bytes();
    }
    List<Bucket> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long[] s = sums[i];
      DurationCounts d = durations[i] == null ? null : DurationCounts.of(durations[i]);
      out.add(new Bucket(start + (long) i * length, length, s[0], s[1], s[2], s[3], d));
    }
    return new ChartSeries(length, out);
  }
}
