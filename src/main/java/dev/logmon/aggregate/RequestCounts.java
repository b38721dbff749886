package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable copy of the labelled lifetime counters behind {@code /metrics}: hits by section,
 * status class, method and virtual host, and request durations by section in histogram buckets (see
 * {@link RequestCounters} for how labels are decided and bounded).
 *
 * <p>A snapshot is taken often (every report), read rarely (every scrape): it holds compact arrays,
 * and {@link #series()} and {@link #durations()} build their lists when asked.
 */
public final class RequestCounts {
  /** Method labels: the common methods, then {@code (none)} and {@code (other)}. */
  public static final List<String> METHODS =
      List.of(
          "GET",
          "HEAD",
          "POST",
          "PUT",
          "DELETE",
          "OPTIONS",
          "PATCH",
          "CONNECT",
          "TRACE",
          "(none)",
          Aggregator.OTHER);

  static final int OTHER_METHOD = METHODS.size() - 1;
  private static final int NO_METHOD = METHODS.size() - 2;

  /** Status class labels by class number (1..5 for 1xx..5xx, 0 for codes outside 100..599). */
  public static final List<String> STATUS_CLASSES =
      List.of("other", "1xx", "2xx", "3xx", "4xx", "5xx");

  /** Upper bounds of the duration buckets in microseconds (a last bucket takes the rest). */
  static final long[] BUCKET_MICROS = {
    1_000,
    2_500,
    5_000,
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    2_500_000,
    5_000_000,
    10_000_000
  };

  /** The hits of one label set. {@code vhost} is null for hits without a virtual host. */
  public record Series(
      String section, String statusClass, String method, String vhost, long requests) {}

  /**
   * The request durations of one section label: how many fell in each bucket (at or below each of
   * {@link #bucketSeconds()} and above the one before, then above the last), and their sum.
   */
  public record Durations(String section, List<Long> buckets, double sumSeconds) {
    public Durations {
      buckets = List.copyOf(buckets);
    }

    /** Durations counted, all buckets together. */
    public long count() {
      return buckets.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The counts of a run without hits. */
  public static final RequestCounts EMPTY =
      new RequestCounts(
          List.of(Aggregator.OTHER),
          List.of(Aggregator.OTHER),
          new int[0],
          new long[0],
          null,
          null);

  private final List<String> sections;
  private final List<String> vhosts;
  private final int[] labels;
  private final long[] counts;
  private final long[] buckets;
  private final double[] durationMicros;

  /**
   * @param labels per series: section label, method label, status class, vhost number (0 none)
   * @param buckets per section label, its durations per bucket; null when none had a duration
   */
  RequestCounts(
      List<String> sections,
      List<String> vhosts,
      int[] labels,
      long[] counts,
      long[] buckets,
      double[] durationMicros) {
    this.sections = List.copyOf(sections);
    this.vhosts = List.copyOf(vhosts);
    this.labels = labels;
    this.counts = counts;
    this.buckets = buckets;
    this.durationMicros = durationMicros;
  }

  /** The upper bounds of the duration buckets in seconds, without the last (infinite) one. */
  public static double[] bucketSeconds() {
    double[] s = new double[BUCKET_MICROS.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = BUCKET_MICROS[i] / 1e6;
    }
    return s;
  }

  /** The method label of a method's text. */
  static int methodLabel(String method) {
    if (method.equals(KeyTables.NO_METHOD)) {
      return NO_METHOD;
    }
    int i = METHODS.indexOf(method);
    return i < 0 || i >= NO_METHOD ? OTHER_METHOD : i;
  }

  /** Every series, in the order their label sets were first seen. */
  public List<Series> series() {
    List<Series> out = new ArrayList<>(counts.length);
    for (int s = 0; s < counts.length; s++) {
      int v = labels[4 * s + 3];
      out.add(
          new Series(
              sections.get(labels[4 * s]),
              STATUS_CLASSES.get(labels[4 * s + 2]),
              METHODS.get(labels[4 * s + 1]),
              v == 0 ? null : vhosts.get(v - 1),
              counts[s]));
    }
    return out;
  }

  /** Hits by virtual host label, most first (ties by name); empty for a log without vhosts. */
  public List<Count> vhostHits() {
    long[] byVhost = new long[vhosts.size() + 1];
    for (int s = 0; s < counts.length; s++) {
      byVhost[labels[4 * s + 3]] += counts[s];
    }
    List<Count> out = new ArrayList<>();
    for (int v = 1; v < byVhost.length; v++) {
      if (byVhost[v] > 0) {
        out.add(new Count(vhosts.get(v - 1), byVhost[v]));
      }
    }
    out.sort(java.util.Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key));
    return out;
  }

  /** The durations of each section label that had one; empty for a log without durations. */
  public List<Durations> durations() {
    if (buckets == null) {
      return List.of();
    }
    int n = BUCKET_MICROS.length + 1;
    List<Durations> out = new ArrayList<>();
    for (int label = 0; label < sections.size(); label++) {
      List<Long> counts = new ArrayList<>(n);
      long total = 0;
      for (int b = 0; b < n; b++) {
        counts.add(buckets[label * n + b]);
        total += buckets[label * n + b];
      }
      if (total > 0) {
        out.add(new Durations(sections.get(label), counts, durationMicros[label] / 1e6));
      }
    }
    return out;
  }

  /** All hits counted, the sum of every series. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** Equal when every series and histogram is, with the same labels in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RequestCounts r
        && series().equals(r.series())
        && durations().equals(r.durations());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "RequestCounts" + series() + durations();
  }
}
