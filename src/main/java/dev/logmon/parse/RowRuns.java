package dev.logmon.parse;

import java.util.Arrays;

/**
 * A parsed chunk's hits in runs: consecutive hits with the same second and zone offset, with each
 * run's hits summed by client, section, method and status, so that the counting thread adds a run's
 * distinct keys once each instead of adding every line.
 *
 * <p>An access log writes a second's lines together, and a second of busy traffic repeats a few
 * dozen sections and a few dozen clients over hundreds of lines: summing them here moves most of
 * the counting work to the parse threads, where it is array arithmetic on the chunk's own key
 * numbers ({@link ParsedLines#hostKey} and its kin), not map updates on the counting thread. A line
 * that is not a plain hit (malformed, or parsed by the String parser) is a run of its own, not
 * grouped.
 *
 * <p>Each key of a run is named by a representative row: the run's first line with that key, whose
 * text and chunk key number the counting thread looks up. Entries are listed in order of first
 * appearance, so a consumer that adds them in order sees the keys in the order the lines would have
 * shown them. Not thread-safe: part of a {@link ParsedLines}, built by the thread that parsed the
 * chunk.
 */
public final class RowRuns {
  /**
   * Status codes below this are summed through a direct table (parsers give 100..999); a hit with
   * any other code would be a run of its own.
   */
  private static final int STATUS_TABLE = 1024;

  private int count;
  private int rows;
  private int[] from = new int[16];
  private int[] to = new int[16];
  private boolean[] grouped = new boolean[16];
  private boolean[] latency = new boolean[16];
  private long[] bytes = new long[16];
  private int[] badRequests = new int[16];
  private int[] classes = new int[16 * 6];
  // Per run, its entries [xFrom[r], xTo[r]) of each key kind.
  private int[] sectionsFrom = new int[16];
  private int[] sectionsTo = new int[16];
  private int[] hostsFrom = new int[16];
  private int[] hostsTo = new int[16];
  private int[] methodsFrom = new int[16];
  private int[] methodsTo = new int[16];
  private int[] statusesFrom = new int[16];
  private int[] statusesTo = new int[16];
  private final Entries sections = new Entries();
  private final Entries hosts = new Entries();
  private final Entries methods = new Entries();
  private final Entries statuses = new Entries();
  // Scratch, by key number: the entry of the run being built, valid while stamp == the run's.
  private int stamp;
  private int[] sectionStamp = new int[64];
  private int[] sectionEntry = new int[64];
  private int[] hostStamp = new int[64];
  private int[] hostEntry = new int[64];
  private int[] methodStamp = new int[16];
  private int[] methodEntry = new int[16];
  private final int[] statusStamp = new int[STATUS_TABLE];
  private final int[] statusEntry = new int[STATUS_TABLE];

  /** One key kind's entries of all runs: a representative row and up to two sums each. */
  private static final class Entries {
    int size;
    int[] row = new int[64];
    int[] hits = new int[64];
    long[] sum = new long[64]; // clients: bytes; sections: 5xx hits; statuses: the code

    int add(int r, long s) {
      int e = size++;
      if (e == row.length) {
        row = Arrays.copyOf(row, e * 2);
        hits = Arrays.copyOf(hits, e * 2);
        sum = Arrays.copyOf(sum, e * 2);
      }
      row[e] = r;
      hits[e] = 0;
      sum[e] = s;
      return e;
    }
  }

  /** The number of runs; together they cover rows {@code [0, rows())} in order. */
  public int count() {
    return count;
  }

  /** The number of rows the runs cover (the chunk's size once built). */
  public int rows() {
    return rows;
  }

  /** The first row of run {@code r}. */
  public int from(int r) {
    return from[r];
  }

  /** The row after the last of run {@code r}. */
  public int to(int r) {
    return to[r];
  }

  /**
   * Whether run {@code r} is a group of hits (outcome {@link ParsedLines#OK}) with the sums below;
   * otherwise it is a single line to be counted on its own.
   */
  public boolean grouped(int r) {
    return grouped[r];
  }

  /** Whether some line of run {@code r} has a request duration or a virtual host. */
  public boolean latency(int r) {
    return latency[r];
  }

  /** The bytes sent, summed over run {@code r}. */
  public long bytes(int r) {
    return bytes[r];
  }

  /** The hits of run {@code r} whose request line was malformed (no method). */
  public int badRequests(int r) {
    return badRequests[r];
  }

  /** The hits of run {@code r} in status class {@code c} (1 to 5 for 1xx..5xx, 0 for others). */
  public int statusClass(int r, int c) {
    return classes[6 * r + c];
  }

  public int sectionsFrom(int r) {
    return sectionsFrom[r];
  }

  public int sectionsTo(int r) {
    return sectionsTo[r];
  }

  /** The representative row of section entry {@code e}. */
  public int sectionRow(int e) {
    return sections.row[e];
  }

  public int sectionHits(int e) {
    return sections.hits[e];
  }

  /** The hits of section entry {@code e} with a 5xx status. */
  public int sectionErrors(int e) {
    return (int) sections.sum[e];
  }

  public int hostsFrom(int r) {
    return hostsFrom[r];
  }

  public int hostsTo(int r) {
    return hostsTo[r];
  }

  public int hostRow(int e) {
    return hosts.row[e];
  }

  public int hostHits(int e) {
    return hosts.hits[e];
  }

  public long hostBytes(int e) {
    return hosts.sum[e];
  }

  public int methodsFrom(int r) {
    return methodsFrom[r];
  }

  public int methodsTo(int r) {
    return methodsTo[r];
  }

  /** The representative row of method entry {@code e} (one with a malformed request: none). */
  public int methodRow(int e) {
    return methods.row[e];
  }

  public int methodHits(int e) {
    return methods.hits[e];
  }

  public int statusesFrom(int r) {
    return statusesFrom[r];
  }

  public int statusesTo(int r) {
    return statusesTo[r];
  }

  public int statusCode(int e) {
    return (int) statuses.sum[e];
  }

  public int statusHits(int e) {
    return statuses.hits[e];
  }

  /** Forgets the runs (a new chunk starts). */
  void clear() {
    count = 0;
    rows = 0;
  }

  /** Groups the rows of {@code l}, replacing any runs built before. */
  void build(ParsedLines l) {
    clear();
    sections.size = 0;
    hosts.size = 0;
    methods.size = 0;
    statuses.size = 0;
    // Key numbers: the chunk's texts, then one each for "no client", a placeholder section and
    // "no method" (those rows carry no key number).
    int hostKeys = l.hostKeyCount();
    int sectionKeys = l.sectionKeyCount();
    int methodKeys = l.methodKeyCount();
    if (hostStamp.length <= hostKeys) {
      hostStamp = new int[hostKeys + 1 + hostKeys / 2];
      hostEntry = new int[hostStamp.length];
    }
    int sectionSlots = sectionKeys + ParsedLines.PLACEHOLDERS.length;
    if (sectionStamp.length < sectionSlots) {
      sectionStamp = new int[sectionSlots + sectionKeys / 2];
      sectionEntry = new int[sectionStamp.length];
    }
    if (methodStamp.length <= methodKeys) {
      methodStamp = new int[methodKeys + 1 + methodKeys / 2];
      methodEntry = new int[methodStamp.length];
    }
    int n = l.size;
    int i = 0;
    while (i < n) {
      i = groups(l, i) ? group(l, i, n) : single(i);
    }
    rows = n;
  }

  /** Whether row {@code i} can be part of a group. */
  private static boolean groups(ParsedLines l, int i) {
    return l.outcome[i] == ParsedLines.OK && l.status[i] >= 0 && l.status[i] < STATUS_TABLE;
  }

  /** Makes row {@code i} a run of its own and returns the next row. */
  private int single(int i) {
    int r = newRun(i);
    grouped[r] = false;
    to[r] = i + 1;
    sectionsTo[r] = sectionsFrom[r];
    hostsTo[r] = hostsFrom[r];
    methodsTo[r] = methodsFrom[r];
    statusesTo[r] = statusesFrom[r];
    return i + 1;
  }

  /** Groups the hits from row {@code i} that share its second and offset; returns the next row. */
  private int group(ParsedLines l, int i, int n) {
    int r = newRun(i);
    grouped[r] = true;
    if (++stamp == 0) {
      // The stamp wrapped (after 4 billion runs): forget every old one.
      Arrays.fill(sectionStamp, 0);
      Arrays.fill(hostStamp, 0);
      Arrays.fill(methodStamp, 0);
      Arrays.fill(statusStamp, 0);
      stamp = 1;
    }
    long s = l.second[i];
    int off = l.offset[i];
    int j = i;
    while (j < n && groups(l, j) && l.second[j] == s && l.offset[j] == off) {
      add(l, r, j);
      j++;
    }
    to[r] = j;
    sectionsTo[r] = sections.size;
    hostsTo[r] = hosts.size;
    methodsTo[r] = methods.size;
    statusesTo[r] = statuses.size;
    return j;
  }

  private int newRun(int i) {
    int r = count++;
    if (r == from.length) {
      int m = r * 2;
      from = Arrays.copyOf(from, m);
      to = Arrays.copyOf(to, m);
      grouped = Arrays.copyOf(grouped, m);
      latency = Arrays.copyOf(latency, m);
      bytes = Arrays.copyOf(bytes, m);
      badRequests = Arrays.copyOf(badRequests, m);
      classes = Arrays.copyOf(classes, 6 * m);
      sectionsFrom = Arrays.copyOf(sectionsFrom, m);
      sectionsTo = Arrays.copyOf(sectionsTo, m);
      hostsFrom = Arrays.copyOf(hostsFrom, m);
      hostsTo = Arrays.copyOf(hostsTo, m);
      methodsFrom = Arrays.copyOf(methodsFrom, m);
      methodsTo = Arrays.copyOf(methodsTo, m);
      statusesFrom = Arrays.copyOf(statusesFrom, m);
      statusesTo = Arrays.copyOf(statusesTo, m);
    }
    from[r] = i;
    latency[r] = false;
    bytes[r] = 0;
    badRequests[r] = 0;
    Arrays.fill(classes, 6 * r, 6 * r + 6, 0);
    sectionsFrom[r] = sections.size;
    hostsFrom[r] = hosts.size;
    methodsFrom[r] = methods.size;
    statusesFrom[r] = statuses.size;
    return r;
  }

  /** Adds hit {@code j} to run {@code r}. */
  private void add(ParsedLines l, int r, int j) {
    long size = l.bytes[j];
    int code = l.status[j];
    int c = code / 100;
    int cls = c >= 1 && c <= 5 ? c : 0;
    bytes[r] += size;
    classes[6 * r + cls]++;
    if (l.duration[j] != LogRecord.NO_DURATION || l.vhostStart[j] >= 0) {
      latency[r] = true;
    }

    int start = l.sectionStart[j];
    int k = start < 0 ? l.sectionKeyCount() - start - 1 : l.sectionKey[j];
    int e = sectionEntry[k];
    if (sectionStamp[k] != stamp) {
      sectionStamp[k] = stamp;
      e = sections.add(j, 0);
      sectionEntry[k] = e;
    }
    sections.hits[e]++;
    if (cls == 5) {
      sections.sum[e]++;
    }

    k = l.hostStart[j] < 0 ? l.hostKeyCount() : l.hostKey[j];
    e = hostEntry[k];
    if (hostStamp[k] != stamp) {
      hostStamp[k] = stamp;
      e = hosts.add(j, 0);
      hostEntry[k] = e;
    }
    hosts.hits[e]++;
    hosts.sum[e] += size;

    if (l.methodStart[j] < 0) {
      badRequests[r]++;
      k = l.methodKeyCount();
    } else {
      k = l.methodKey[j];
    }
    e = methodEntry[k];
    if (methodStamp[k] != stamp) {
      methodStamp[k] = stamp;
      e = methods.add(j, 0);
      methodEntry[k] = e;
    }
    methods.hits[e]++;

    e = statusEntry[code];
    if (statusStamp[code] != stamp) {
      statusStamp[code] = stamp;
      e = statuses.add(j, code);
      statusEntry[code] = e;
    }
    statuses.hits[e]++;
  }
}
