package dev.logmon.aggregate;

import dev.logmon.agent.AgentFamilies;
import dev.logmon.agent.Crawlers;
import dev.logmon.parse.ChunkKeys;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParsedLines;
import dev.logmon.source.LineBytes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The breakdowns of every counted hit since logmon started: top paths, 404 and 5xx paths, referring
 * hosts and sections per virtual host in DataSketches frequent-items sketches (bounded memory
 * whatever the traffic; exact until a table holds more distinct keys than its map, then estimates,
 * said in the snapshot), and status codes and agent families counted exactly (both sets are
 * bounded). Keys longer than {@value #MAX_KEY} characters are cut, so a hostile log cannot make a
 * table's memory grow with its line length.
 *
 * <p>Counted from each chunk's {@link ChunkTally}: each distinct key once per chunk. Not
 * thread-safe: owned by the counting thread, which publishes {@link #snapshot}s.
 */
public final class Breakdowns {
  /** Longest key kept, in characters. */
  static final int MAX_KEY = 256;

  // Keys a sketch holds exactly: 3/4 of its map (DataSketches' load factor).
  private static final int MAP_SIZE = 1024;

  private final ItemsSketch<String> paths = new ItemsSketch<>(MAP_SIZE);
  private final ItemsSketch<String> notFound = new ItemsSketch<>(MAP_SIZE);
  private final ItemsSketch<String> serverErrors = new ItemsSketch<>(MAP_SIZE);
  private final ItemsSketch<String> referrers = new ItemsSketch<>(MAP_SIZE);
  private final ItemsSketch<String> vhostSections = new ItemsSketch<>(MAP_SIZE);
  private final long[] statuses = new long[ChunkTally.STATUSES];
  private final Map<String, Long> agents = new HashMap<>();
  // Made at once, not at the first agent: a lazy start is a branch the JIT warm-up's monitor takes
  // before it is profiled, and the run's own monitor then sends the compiled add() back.
  private final AgentFamilies families = new AgentFamilies(Crawlers.load());
  // The last snapshot, until the next chunk is counted: a replay asks for one per report (every
  // ten seconds of log) but counts a chunk per minute or so of log.
  private BreakdownSnapshot last;
  private int lastTop;

  /** Counts the hits of a chunk that {@code tally} tallied (it was built from {@code lines}). */
  public void add(ParsedLines lines, ChunkTally tally) {
    last = null;
    byte[] b = lines.buffer();
    ChunkKeys p = tally.paths;
    for (int k = 0, n = p.size(); k < n; k++) {
      String path = key(b, p.start(k), p.end(k));
      paths.update(path, tally.pathHits[k]);
      if (tally.pathNotFound[k] > 0) {
        notFound.update(path, tally.pathNotFound[k]);
      }
      if (tally.pathServerErrors[k] > 0) {
        serverErrors.update(path, tally.pathServerErrors[k]);
      }
    }
    ChunkKeys a = tally.agents;
    for (int k = 0, n = a.size(); k < n; k++) {
      agents.merge(families.of(key(b, a.start(k), a.end(k))), (long) tally.agentHits[k], Long::sum);
    }
    ChunkKeys r = tally.referrers;
    for (int k = 0, n = r.size(); k < n; k++) {
      referrers.update(key(b, r.start(k), r.end(k)), tally.referrerHits[k]);
    }
    for (int s = 0; s < ChunkTally.STATUSES; s++) {
      statuses[s] += tally.statusHits[s];
    }
    for (int q = 0; q < tally.pairCount; q++) {
      int i = tally.pairRow[q];
      String section = lines.sectionPlaceholder(i);
      if (section == null) {
        section = key(b, lines.sectionStart(i), lines.sectionEnd(i));
      }
      vhostSections.update(
          cut(key(b, lines.vhostStart(i), lines.vhostEnd(i)) + section), tally.pairHits[q]);
    }
    for (int q = 0; q < tally.recordCount; q++) {
      add(lines.record(tally.records[q]));
    }
  }

  /** Counts one hit held as a record (a format read as text, or a line with non-ASCII bytes). */
  void add(LogRecord r) {
    last = null;
    if (!r.requestMalformed() && r.target() != null) {
      String path = cut(pathOf(r.target()));
      paths.update(path);
      if (r.status() == 404) {
        notFound.update(path);
      } else if (r.status() >= 500 && r.status() <= 599) {
        serverErrors.update(path);
      }
    }
    if (r.status() >= 0 && r.status() < ChunkTally.STATUSES) {
      statuses[r.status()]++;
    }
    if (r.userAgent() != null) {
      agents.merge(families.of(cut(r.userAgent())), 1L, Long::sum);
    }
    String host = ReferrerHosts.of(r.referrer());
    if (host != null) {
      referrers.update(cut(host));
    }
    if (r.vhost() != null) {
      vhostSections.update(cut(r.vhost() + r.section()));
    }
  }

  /** The target up to its query or fragment. */
  static String pathOf(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '?' || c == '#') {
        return target.substring(0, i);
      }
    }
    return target;
  }

  private static String key(byte[] b, int from, int to) {
    return LineBytes.decode(b, from, Math.min(to - from, MAX_KEY));
  }

  private static String cut(String s) {
    return s.length() <= MAX_KEY ? s : s.substring(0, MAX_KEY);
  }

  /** The top {@code n} rows of every breakdown. */
  public BreakdownSnapshot snapshot(int n) {
    if (last == null || lastTop != n) {
      last = take(n);
      lastTop = n;
    }
    return last;
  }

  private BreakdownSnapshot take(int n) {
    return new BreakdownSnapshot(
        top(paths, n),
        top(notFound, n),
        top(serverErrors, n),
        exact(statusCounts(), Integer.MAX_VALUE), // every code: at most 900, /metrics takes all
        exact(agents, n),
        top(referrers, n),
        top(vhostSections, n));
  }

  private Map<String, Long> statusCounts() {
    Map<String, Long> m = new HashMap<>();
    for (int s = 0; s < statuses.length; s++) {
      if (statuses[s] > 0) {
        m.put(Integer.toString(s), statuses[s]);
      }
    }
    return m;
  }

  private static BreakdownTable top(ItemsSketch<String> sketch, int n) {
    if (sketch.isEmpty()) {
      return BreakdownTable.EMPTY;
    }
    List<Count> out = new ArrayList<>();
    for (ItemsSketch.Row<String> r : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
      out.add(new Count(r.getItem(), r.getEstimate()));
    }
    long error = sketch.getMaximumError();
    return new BreakdownTable(mostFirst(out, n), error > 0, error);
  }

  private static BreakdownTable exact(Map<String, Long> counts, int n) {
    List<Count> out = new ArrayList<>(counts.size());
    counts.forEach((k, v) -> out.add(new Count(k, v)));
    return new BreakdownTable(mostFirst(out, n), false, 0);
  }

  /**
   * The first {@code n} of {@code rows}, most hits first, then by key, so equal counts list the
   * same way every time. Each row is placed by binary search among the best so far, so a row that
   * does not make it costs one comparison (sorting them all cost more, bench/README.md).
   */
  private static List<Count> mostFirst(List<Count> rows, int n) {
    int k = Math.min(n, rows.size());
    Count[] best = new Count[k];
    int filled = 0;
    for (Count c : rows) {
      if (k == 0 || (filled == k && !before(c, best[k - 1]))) {
        continue;
      }
      int lo = 0;
      int hi = filled;
      while (lo < hi) { // the first place whose row c goes before
        int mid = (lo + hi) >>> 1;
        if (before(c, best[mid])) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      System.arraycopy(best, lo, best, lo + 1, Math.min(filled, k - 1) - lo);
      best[lo] = c;
      filled = Math.min(filled + 1, k);
    }
    return List.of(best);
  }

  /** Whether {@code x} lists before {@code y}: more hits, or as many and a smaller key. */
  private static boolean before(Count x, Count y) {
    return x.count() != y.count() ? x.count() > y.count() : x.key().compareTo(y.key()) < 0;
  }

  /** What {@code --persist} keeps: every sketch serialised, the exact tables as rows. */
  public BreakdownState state() {
    Map<String, String> sketches = new LinkedHashMap<>();
    sketches()
        .forEach(
            (name, sketch) ->
                sketches.put(name, Base64.getEncoder().encodeToString(sketch.toByteArray(SERDE))));
    return new BreakdownState(
        sketches,
        exact(statusCounts(), Integer.MAX_VALUE).rows(),
        exact(agents, Integer.MAX_VALUE).rows());
  }

  /**
   * Adds a previous run's breakdowns ({@code --persist}): each sketch is merged into this one's
   * (exact while the two together hold fewer keys than the map, estimates past it), the exact
   * tables are summed. The state must have passed {@link #check}.
   */
  public void restore(BreakdownState saved) {
    sketches()
        .forEach(
            (name, sketch) -> {
              String text = saved.sketches().get(name);
              if (text != null) {
                sketch.merge(decode(text));
              }
            });
    for (Count c : saved.statuses()) {
      statuses[Integer.parseInt(c.key())] += c.count();
    }
    for (Count c : saved.agents()) {
      agents.merge(cut(c.key()), c.count(), Long::sum);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} unless {@code saved} can be restored: every sketch
   * decodes, no key is longer than {@value #MAX_KEY} characters, every status code is a code, the
   * agent families are at most {@value LifetimeState#ROWS}.
   */
  public static void check(BreakdownState saved) {
    for (Map.Entry<String, String> e : saved.sketches().entrySet()) {
      ItemsSketch<String> sketch = decode(e.getValue());
      for (ItemsSketch.Row<String> r : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
        if (r.getItem().length() > MAX_KEY) {
          throw new IllegalArgumentException("a key of " + e.getKey() + " is too long");
        }
      }
    }
    for (Count c : saved.statuses()) {
      int code = c.key().length() == 3 ? Integer.parseInt(c.key()) : -1;
      if (code < 100 || code >= ChunkTally.STATUSES || c.count() < 0) {
        throw new IllegalArgumentException("not a status code: " + c.key());
      }
    }
    if (saved.agents().size() > LifetimeState.ROWS) {
      throw new IllegalArgumentException("more agent families than logmon keeps");
    }
  }

  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

  private Map<String, ItemsSketch<String>> sketches() {
    return Map.of(
        "paths", paths,
        "not_found_paths", notFound,
        "server_error_paths", serverErrors,
        "referrers", referrers,
        "vhost_sections", vhostSections);
  }

  // A sketch's header (DataSketches' frequencies preamble): log2 of its largest and current map
  // sizes at bytes 3 and 4, its number of keys at bytes 8-11. Read before decoding, so a damaged
  // or hostile file cannot make the decoder allocate more than this class's own sketches hold.
  private static final int LG_MAP_SIZE = Integer.numberOfTrailingZeros(MAP_SIZE);

  private static ItemsSketch<String> decode(String base64) {
    byte[] b = Base64.getDecoder().decode(base64);
    if (b.length >= 12) {
      int keys = (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | b[11] << 24;
      if (b[3] > LG_MAP_SIZE || b[4] > LG_MAP_SIZE || keys < 0 || keys > MAP_SIZE * 3 / 4) {
        throw new IllegalArgumentException("a breakdown sketch larger than logmon keeps");
      }
    }
    try {
      return ItemsSketch.getInstance(Memory.wrap(b), SERDE);
    } catch (SketchesException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "a breakdown sketch does not decode: " + e.getMessage(), e);
    }
  }
}
