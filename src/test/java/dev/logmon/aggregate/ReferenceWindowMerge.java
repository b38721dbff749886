package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the buckets of a window into an immutable {@link WindowStats}. Ties in top tables are
 * broken by key so that the same input always gives the same output.
 */
final class ReferenceWindowMerge {
  private final int topN;

  ReferenceWindowMerge(int topN) {
    this.topN = topN;
  }

  WindowStats of(ReferenceBucket[] ring, long endSecond, int seconds) {
    long from = endSecond - seconds + 1;
    long hits = 0;
    long bytes = 0;
    long malformedRequests = 0;
    long[] classes = new long[6];
    Map<String, long[]> sections = new HashMap<>();
    Map<String, long[]> hosts = new HashMap<>();
    Map<String, long[]> methods = new HashMap<>();
    Map<String, long[]> statuses = new HashMap<>();
    Set<String> clients = new HashSet<>();
    List<Long> perSecond = new ArrayList<>(seconds);
    for (long s = from; s <= endSecond; s++) {
      ReferenceBucket b = ring[(int) Math.floorMod(s, (long) ring.length)];
      if (b.second != s || b.hits == 0) {
        perSecond.add(0L);
        continue;
      }
      perSecond.add(b.hits);
      hits += b.hits;
      bytes += b.bytes;
      malformedRequests += b.malformedRequests;
      for (int i = 0; i < classes.length; i++) {
        classes[i] += b.statusClasses[i];
      }
      mergeInto(sections, b.sections);
      mergeInto(hosts, b.hosts);
      mergeInto(methods, b.methods);
      b.statuses.forEach(
          (code, v) -> statuses.computeIfAbsent(String.valueOf(code), k -> new long[1])[0] += v[0]);
      clients.addAll(b.clients);
    }
    return new WindowStats(
        from,
        endSecond,
        hits,
        (double) hits / seconds,
        bytes,
        StatusClasses.of(classes),
        topSections(sections, hits, topN),
        topHosts(hosts, topN),
        counts(methods, Integer.MAX_VALUE),
        counts(statuses, topN),
        clients.size(),
        malformedRequests,
        perSecond);
  }

  private static void mergeInto(Map<String, long[]> into, Map<String, long[]> from) {
    from.forEach(
        (k, v) -> {
          long[] t = into.computeIfAbsent(k, x -> new long[v.length]);
          for (int i = 0; i < v.length; i++) {
            t[i] += v[i];
          }
        });
  }

  private static final Comparator<Map.Entry<String, long[]>> BY_FIRST_DESC =
      Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(Map.Entry::getKey);

  static List<SectionStat> topSections(Map<String, long[]> sections, long hits, int n) {
    return sections.entrySet().stream()
        .sorted(BY_FIRST_DESC)
        .limit(n)
        .map(
            e ->
                new SectionStat(
                    e.getKey(),
                    e.getValue()[0],
                    hits == 0 ? 0 : (double) e.getValue()[0] / hits,
                    e.getValue()[1]))
        .toList();
  }

  static List<HostStat> topHosts(Map<String, long[]> hosts, int n) {
    return hosts.entrySet().stream()
        .sorted(BY_FIRST_DESC)
        .limit(n)
        .map(e -> new HostStat(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .toList();
  }

  static List<Count> counts(Map<String, long[]> counts, int n) {
    return counts.entrySet().stream()
        .sorted(BY_FIRST_DESC)
        .limit(n)
        .map(e -> new Count(e.getKey(), e.getValue()[0]))
        .toList();
  }
}
