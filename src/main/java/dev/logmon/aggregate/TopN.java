package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of a top table, picked from live counters without sorting them all: by the first
 * counter, descending, ties broken by key so the same input always gives the same output (the order
 * the reference merge used). Stateless.
 */
final class TopN {
  /** Id of the extra "(other)" row among the candidates. */
  private static final int OTHER = -1;

  /** How ids of each kind of key read as text. */
  record Keys(Names sections, Names hosts, Names methods) {}

  /** A row outside the counters (the lifetime "(other)" row), or null. */
  record Extra(String key, long first, long second) {}

  private TopN() {}

  static List<SectionStat> sections(DenseCounts c, Names key, long hits, int n, Extra other) {
    List<SectionStat> out = new ArrayList<>();
    for (int id : top(c, key, n, other)) {
      long h = id == OTHER ? other.first() : c.get(id, 0);
      long errors = id == OTHER ? other.second() : c.get(id, 1);
      String k = id == OTHER ? other.key() : key.key(id);
      out.add(new SectionStat(k, h, hits == 0 ? 0 : (double) h / hits, errors));
    }
    return out;
  }

  static List<HostStat> hosts(DenseCounts c, Names key, int n, Extra other) {
    List<HostStat> out = new ArrayList<>();
    for (int id : top(c, key, n, other)) {
      out.add(
          id == OTHER
              ? new HostStat(other.key(), other.first(), other.second())
              : new HostStat(key.key(id), c.get(id, 0), c.get(id, 1)));
    }
    return out;
  }

  static List<Count> counts(DenseCounts c, Names key, int n) {
    List<Count> out = new ArrayList<>();
    for (int id : top(c, key, n, null)) {
      out.add(new Count(key.key(id), c.get(id, 0)));
    }
    return out;
  }

  /** The ids of the best {@code n}, best first; {@link #OTHER} stands for {@code other}. */
  private static int[] top(DenseCounts c, Names key, int n, Extra other) {
    int candidates = c.size() + (other != null ? 1 : 0);
    int k = Math.min(n, candidates);
    Names keyOf =
        new Names() {
          @Override
          public String key(int id) {
            return id == OTHER ? other.key() : key.key(id);
          }

          @Override
          public int compare(int a, int b) {
            return a == OTHER || b == OTHER ? key(a).compareTo(key(b)) : key.compare(a, b);
          }
        };
    if (k > 32) {
      List<Integer> all = new ArrayList<>(candidates);
      for (int i = 0; i < c.size(); i++) {
        all.add(c.activeId(i));
      }
      if (other != null) {
        all.add(OTHER);
      }
      all.sort(
          Comparator.<Integer>comparingLong(id -> -value(c, other, id))
              .thenComparing(keyOf::compare));
      return all.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
    }
    int[] ids = new int[k];
    long[] values = new long[k];
    int filled = 0;
    for (int i = 0; i < candidates; i++) {
      int id = i < c.size() ? c.activeId(i) : OTHER;
      long v = value(c, other, id);
      if (k == 0 || (filled == k && !better(v, id, values[k - 1], ids[k - 1], keyOf))) {
        continue;
      }
      int p = filled < k ? filled++ : k - 1;
      while (p > 0 && better(v, id, values[p - 1], ids[p - 1], keyOf)) {
        ids[p] = ids[p - 1];
        values[p] = values[p - 1];
        p--;
      }
      ids[p] = id;
      values[p] = v;
    }
    return ids;
  }

  private static long value(DenseCounts c, Extra other, int id) {
    return id == OTHER ? other.first() : c.get(id, 0);
  }

  private static boolean better(long v, int id, long w, int jd, Names key) {
    return v > w || (v == w && key.compare(id, jd) < 0);
  }
}
