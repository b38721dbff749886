package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics counters of {@link RequestCounters}, the straightforward way (maps of label texts,
 * one record at a time), as the reference the fast path must match (FastPathEquivalenceTest).
 */
final class ReferenceRequestCounts {
  private final Map<String, Integer> sections = new LinkedHashMap<>();
  private final Map<String, Integer> vhosts = new LinkedHashMap<>();
  private final List<String> sectionTexts = new ArrayList<>(List.of("(other)"));
  private final List<String> vhostTexts = new ArrayList<>(List.of("(other)"));
  private final Map<List<Integer>, long[]> series = new LinkedHashMap<>();
  private final Map<Integer, long[]> buckets = new LinkedHashMap<>();
  private final Map<Integer, double[]> sums = new LinkedHashMap<>();

  void add(LogRecord r) {
    int section = label(sections, sectionTexts, r.section(), RequestCounters.SECTIONS);
    String m = r.requestMalformed() ? "(none)" : r.method();
    int method = RequestCounts.METHODS.indexOf(m);
    if (method < 0 || (m.startsWith("(") && !m.equals("(none)"))) {
      method = RequestCounts.METHODS.indexOf("(other)");
    }
    int vhost =
        r.vhost() == null ? 0 : 1 + label(vhosts, vhostTexts, r.vhost(), RequestCounters.VHOSTS);
    List<Integer> key = List.of(section, method, r.statusClass(), vhost);
    if (!series.containsKey(key) && series.size() >= RequestCounters.SERIES_CAP) {
      List<Integer> overflow =
          List.of(0, RequestCounts.METHODS.indexOf("(other)"), r.statusClass(), vhost == 0 ? 0 : 1);
      series.computeIfAbsent(overflow, k -> new long[1]);
      series.put(key, series.get(overflow)); // the same counter from now on
    }
    series.computeIfAbsent(key, k -> new long[1])[0]++;
    if (r.hasDuration()) {
      int b = 0;
      while (b < RequestCounts.BUCKET_MICROS.length
          && r.durationMicros() > RequestCounts.BUCKET_MICROS[b]) {
        b++;
      }
      buckets.computeIfAbsent(section, k -> new long[RequestCounts.BUCKET_MICROS.length + 1])[b]++;
      sums.computeIfAbsent(section, k -> new double[1])[0] += r.durationMicros();
    }
  }

  private static int label(Map<String, Integer> labels, List<String> texts, String v, int cap) {
    Integer l = labels.get(v);
    if (l != null) {
      return l;
    }
    String text = v.isEmpty() ? "(empty)" : v.substring(0, Math.min(v.length(), 120));
    if (labels.size() >= cap || texts.contains(text)) {
      return 0;
    }
    texts.add(text);
    labels.put(v, texts.size() - 1);
    return texts.size() - 1;
  }

  RequestCounts snapshot() {
    List<long[]> distinct = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    series.forEach(
        (k, v) -> {
          if (distinct.stream().noneMatch(d -> d == v)) {
            distinct.add(v);
            labels.addAll(k);
          }
        });
    int n = distinct.size();
    long[] counts = new long[n];
    int[] l = new int[4 * n];
    for (int i = 0; i < n; i++) {
      counts[i] = distinct.get(i)[0];
    }
    for (int i = 0; i < 4 * n; i++) {
      l[i] = labels.get(i);
    }
    int per = RequestCounts.BUCKET_MICROS.length + 1;
    long[] b = buckets.isEmpty() ? null : new long[(RequestCounters.SECTIONS + 1) * per];
    double[] s = buckets.isEmpty() ? null : new double[RequestCounters.SECTIONS + 1];
    buckets.forEach((section, c) -> System.arraycopy(c, 0, b, section * per, per));
    sums.forEach((section, sum) -> s[section] = sum[0]);
    return new RequestCounts(sectionTexts, vhostTexts, l, counts, b, s);
  }
}
