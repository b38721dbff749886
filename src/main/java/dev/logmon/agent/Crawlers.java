package dev.logmon.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * Tells robots (crawlers, spiders, monitors, HTTP libraries) by their User-Agent, with the patterns
 * of the crawler-user-agents list (MIT, github.com/monperrus/crawler-user-agents, vendored as
 * {@code crawler-user-agents.json} beside this class; see its LICENSE file and, to refresh it,
 * docs/FILTERS.md).
 *
 * <p>About 1,500 patterns: running each on every agent would cost tens of microseconds. Instead
 * each pattern's {@link RequiredLiteral} (its longest plain text, {@code Googlebot/}) is indexed by
 * its first three characters; an agent is scanned once, and only the patterns whose literal occurs
 * in it run (the few without a literal always run). Callers cache the answer per distinct agent.
 * Thread-safe: a pattern is compiled when it first runs, once for every thread.
 */
public final class Crawlers {
  private static final String RESOURCE = "crawler-user-agents.json";

  private final String[] patterns;
  private final AtomicReferenceArray<Pattern> compiled;
  private final String[] literals;
  private final long[] keys; // sorted three-character keys of the literals
  private final int[][] byKey; // patterns by key, parallel to keys
  private final int[] unindexed; // patterns without a literal of three characters

  private Crawlers(List<String> patternList) {
    patterns = patternList.toArray(String[]::new);
    compiled = new AtomicReferenceArray<>(patterns.length);
    literals = new String[patterns.length];
    List<Integer> loose = new ArrayList<>();
    List<long[]> keyed = new ArrayList<>(); // {key, pattern}
    for (int p = 0; p < patterns.length; p++) {
      literals[p] = RequiredLiteral.of(patterns[p]);
      if (literals[p].length() >= 3) {
        keyed.add(new long[] {key(literals[p], 0), p});
      } else {
        loose.add(p);
      }
    }
    keyed.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    long[] k = new long[keyed.size()];
    int[][] groups = new int[keyed.size()][];
    int n = 0;
    for (int j = 0; j < keyed.size(); ) {
      int end = j;
      while (end < keyed.size() && keyed.get(end)[0] == keyed.get(j)[0]) {
        end++;
      }
      k[n] = keyed.get(j)[0];
      groups[n] = keyed.subList(j, end).stream().mapToInt(e -> (int) e[1]).toArray();
      n++;
      j = end;
    }
    keys = Arrays.copyOf(k, n);
    byKey = Arrays.copyOf(groups, n);
    unindexed = loose.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The vendored list: read from the class path once per process (about 30 ms), so that a
   * follower's first real lines do not pay for it again after the JIT warm-up.
   */
  public static Crawlers load() {
    return Vendored.LIST;
  }

  /** The vendored list, read when first asked for (lazy holder). */
  private static final class Vendored {
    static final Crawlers LIST = read();
  }

  private static Crawlers read() {
    try (InputStream in = Crawlers.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new Crawlers(patternsIn(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The {@code pattern} of every entry of a crawler-user-agents JSON document. */
  static List<String> patternsIn(InputStream json) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected a JSON array of entries");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("pattern") && value == JsonToken.VALUE_STRING) {
            out.add(p.getText());
          } else {
            p.skipChildren();
          }
        }
      }
    }
    return out;
  }

  /** How many patterns the list has. */
  public int size() {
    return patterns.length;
  }

  /** Whether {@code agent} is a robot's. */
  public boolean isCrawler(CharSequence agent) {
    return firstMatch(agent) >= 0;
  }

  /** The pattern that {@code agent} matches first in the list's order, or null. */
  public String matchingPattern(CharSequence agent) {
    int p = firstMatch(agent);
    return p < 0 ? null : patterns[p];
  }

  /**
   * The robot family of {@code agent}, named by the text its first matching pattern requires
   * ({@code Googlebot}), or null when it is no robot's.
   */
  public String family(CharSequence agent) {
    int p = firstMatch(agent);
    if (p < 0) {
      return null;
    }
    String name = literals[p].strip();
    while (name.endsWith("/") || name.endsWith("-") || name.endsWith("_")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.length() >= 3 ? name : patterns[p];
  }

  private int firstMatch(CharSequence agent) {
    int best = Integer.MAX_VALUE;
    for (int p : unindexed) {
      if (p < best && finds(p, agent)) {
        best = p;
      }
    }
    for (int i = 0; i + 3 <= agent.length(); i++) {
      int k = Arrays.binarySearch(keys, key(agent, i));
      if (k < 0) {
        continue;
      }
      for (int p : byKey[k]) {
        if (p < best && startsWith(agent, i, literals[p]) && finds(p, agent)) {
          best = p;
        }
      }
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  /**
   * Whether pattern {@code p} is found in the agent; it is compiled on first use, since most
   * patterns never run (CrawlersTest compiles every one of the vendored list).
   */
  private boolean finds(int p, CharSequence agent) {
    Pattern pattern = compiled.get(p);
    if (pattern == null) {
      pattern = Pattern.compile(patterns[p]);
      compiled.set(p, pattern);
    }
    return pattern.matcher(agent).find();
  }

  private static long key(CharSequence s, int at) {
    return ((long) s.charAt(at) << 32) | ((long) s.charAt(at + 1) << 16) | s.charAt(at + 2);
  }

  private static boolean startsWith(CharSequence s, int at, String literal) {
    if (at + literal.length() > s.length()) {
      return false;
    }
    for (int k = 0; k < literal.length(); k++) {
      if (s.charAt(at + k) != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
