package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParsedLines;
import java.util.Arrays;

/**
 * A parsed chunk's hits in runs of one second: consecutive hits with the same second and zone
 * offset, each run's hits summed by section, client, method and status ({@link KeyKind}), so that
 * the counting thread adds a run's distinct keys once each instead of adding every line.
 *
 * <p>An access log writes a second's lines together, and a second of busy traffic repeats a few
 * dozen sections and clients over hundreds of lines: summing them is array arithmetic on the
 * chunk's own key numbers ({@link ParsedLines#hostKey} and its kin), which the pipeline runs on the
 * thread that parsed the chunk (a replay's parse pool), not map updates on the counting thread. A
 * line that is not a plain hit (malformed, or held as a record) is a run of its own.
 *
 * <p>Each key of a run is named by a representative row, the run's first line with that key, whose
 * text and chunk key number {@link Aggregator#addRun} looks up. Entries are listed in order of
 * first appearance, so keys are added in the order the lines would have shown them. Not
 * thread-safe: built by one thread, then handed over with its chunk.
 */
public final class RunSums {
  /**
   * Status codes below this are summed through a direct table (parsers give 100..999); a hit with
   * any other code would be a run of its own.
   */
  private static final int STATUS_TABLE = 1024;

  private static final int STATUS_CLASSES = 6;

  private int count;
  private int rows;
  private int[] from = new int[16];
  private int[] to = new int[16];
  private boolean[] grouped = new boolean[16];
  private boolean[] latency = new boolean[16];
  private long[] bytes = new long[16];
  private int[] badRequests = new int[16];
  // Per run, its hits (OK rows) and the FILTERED rows of the same second among them.
  private int[] hitRows = new int[16];
  private int[] filteredRows = new int[16];
  private int[] classes = new int[16 * STATUS_CLASSES];
  private final Entries sections = new Entries();
  private final Entries clients = new Entries();
  private final Entries methods = new Entries();
  private final Entries statuses = new Entries();
  // Scratch, by the chunk's key numbers: the entry of the run being built, valid while its stamp
  // is the run's.
  private int stamp;
  private final int[] statusStamp = new int[STATUS_TABLE];
  private final int[] statusEntry = new int[STATUS_TABLE];

  /**
   * One key kind's entries of all runs, each a representative row and its hits; sections also sum
   * their 5xx hits, clients their bytes, statuses keep their code.
   */
  private static final class Entries {
    int size;
    int[] row = new int[64];
    int[] hits = new int[64];
    int[] serverErrors = new int[64]; // sections
    long[] bytes = new long[64]; // clients
    int[] code = new int[64]; // statuses
    // Per run, its entries [first[r], last[r]).
    int[] first = new int[16];
    int[] last = new int[16];
    // By chunk key number: the entry of the run being built, valid while keyStamp is the run's.
    int[] keyStamp = new int[64];
    int[] keyEntry = new int[64];

    int add(int r) {
      int e = size++;
      if (e == row.length) {
        int n = e * 2;
        row = Arrays.copyOf(row, n);
        hits = Arrays.copyOf(hits, n);
        serverErrors = Arrays.copyOf(serverErrors, n);
        bytes = Arrays.copyOf(bytes, n);
        code = Arrays.copyOf(code, n);
      }
      row[e] = r;
      hits[e] = 0;
      serverErrors[e] = 0;
      bytes[e] = 0;
      code[e] = 0;
      return e;
    }

    /** The entry of chunk key {@code k} in the run stamped {@code stamp}, added if new. */
    int entry(int k, int stamp, int r) {
      if (keyStamp[k] != stamp) {
        keyStamp[k] = stamp;
        keyEntry[k] = add(r);
      }
      return keyEntry[k];
    }

    void keys(int n) {
      if (keyStamp.length < n) {
        keyStamp = new int[n + n / 2];
        keyEntry = new int[keyStamp.length];
      }
    }

    void growRuns(int n) {
      first = Arrays.copyOf(first, n);
      last = Arrays.copyOf(last, n);
    }
  }

  private Entries of(KeyKind kind) {
    return switch (kind) {
      case SECTION -> sections;
      case CLIENT -> clients;
      case METHOD -> methods;
      case STATUS -> statuses;
      case VHOST -> throw new IllegalArgumentException("runs are not summed by virtual host");
    };
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
   * The hits of grouped run {@code r}: its rows of outcome {@link ParsedLines#OK}. The run's rows
   * may also hold lines a filter left out ({@link ParsedLines#FILTERED}) in the same second, so
   * that filtered lines do not cut a second's hits into many short runs; see {@link #filteredRows}.
   */
  public int hitRows(int r) {
    return hitRows[r];
  }

  /** The {@link ParsedLines#FILTERED} rows among grouped run {@code r}'s rows. */
  public int filteredRows(int r) {
    return filteredRows[r];
  }

  /**
   * Whether run {@code r} is a group of hits (outcome {@link ParsedLines#OK}, and filtered lines of
   * the same second) with the sums below; otherwise it is a single line to be counted on its own.
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
    return classes[STATUS_CLASSES * r + c];
  }

  /** The first of run {@code r}'s entries of {@code kind}. */
  public int entriesFrom(KeyKind kind, int r) {
    return of(kind).first[r];
  }

  /** The entry after the last of run {@code r}'s entries of {@code kind}. */
  public int entriesTo(KeyKind kind, int r) {
    return of(kind).last[r];
  }

  /** The representative row of entry {@code e} of {@code kind}. */
  public int row(KeyKind kind, int e) {
    return of(kind).row[e];
  }

  /** The hits of entry {@code e} of {@code kind}. */
  public int hits(KeyKind kind, int e) {
    return of(kind).hits[e];
  }

  /** The hits with a 5xx status of section entry {@code e}. */
  public int serverErrors(int e) {
    return sections.serverErrors[e];
  }

  /** The bytes sent to client entry {@code e}. */
  public long clientBytes(int e) {
    return clients.bytes[e];
  }

  /** The status code of status entry {@code e}. */
  public int statusCode(int e) {
    return statuses.code[e];
  }

  /** Groups the rows of {@code l}, replacing the runs built before. */
  public void build(ParsedLines l) {
    count = 0;
    sections.size = 0;
    clients.size = 0;
    methods.size = 0;
    statuses.size = 0;
    // Key numbers: the chunk's texts, then one each for "no client", a placeholder section and
    // "no method" (those rows carry no key number).
    clients.keys(l.hostKeyCount() + 1);
    sections.keys(l.sectionKeyCount() + ParsedLines.PLACEHOLDER_COUNT);
    methods.keys(l.methodKeyCount() + 1);
    int n = l.size();
    int i = 0;
    while (i < n) {
      i = groups(l, i) ? group(l, i, n) : single(i);
    }
    rows = n;
  }

  /** Whether row {@code i} can be part of a group. */
  private static boolean groups(ParsedLines l, int i) {
    return l.outcome(i) == ParsedLines.OK && l.status(i) >= 0 && l.status(i) < STATUS_TABLE;
  }

  /** Makes row {@code i} a run of its own and returns the next row. */
  private int single(int i) {
    int r = newRun(i);
    grouped[r] = false;
    to[r] = i + 1;
    closeEntries(r);
    return i + 1;
  }

  /** Groups the hits from row {@code i} that share its second and offset; returns the next row. */
  private int group(ParsedLines l, int i, int n) {
    int r = newRun(i);
    grouped[r] = true;
    if (++stamp == 0) {
      // The stamp wrapped (after 4 billion runs): forget every old one.
      for (Entries e : new Entries[] {sections, clients, methods}) {
        Arrays.fill(e.keyStamp, 0);
      }
      Arrays.fill(statusStamp, 0);
      stamp = 1;
    }
    long s = l.second(i);
    int off = l.offsetSeconds(i);
    int j = i;
    int hits = 0;
    int filtered = 0;
    while (j < n && l.second(j) == s && l.offsetSeconds(j) == off) {
      if (groups(l, j)) {
        add(l, r, j);
        hits++;
      } else if (l.outcome(j) == ParsedLines.FILTERED) {
        filtered++;
      } else {
        break;
      }
      j++;
    }
    to[r] = j;
    hitRows[r] = hits;
    filteredRows[r] = filtered;
    closeEntries(r);
    return j;
  }

  private void closeEntries(int r) {
    sections.last[r] = sections.size;
    clients.last[r] = clients.size;
    methods.last[r] = methods.size;
    statuses.last[r] = statuses.size;
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
      hitRows = Arrays.copyOf(hitRows, m);
      filteredRows = Arrays.copyOf(filteredRows, m);
      classes = Arrays.copyOf(classes, STATUS_CLASSES * m);
      sections.growRuns(m);
      clients.growRuns(m);
      methods.growRuns(m);
      statuses.growRuns(m);
    }
    from[r] = i;
    hitRows[r] = 0;
    filteredRows[r] = 0;
    latency[r] = false;
    bytes[r] = 0;
    badRequests[r] = 0;
    Arrays.fill(classes, STATUS_CLASSES * r, STATUS_CLASSES * r + STATUS_CLASSES, 0);
    sections.first[r] = sections.size;
    clients.first[r] = clients.size;
    methods.first[r] = methods.size;
    statuses.first[r] = statuses.size;
    return r;
  }

  /** Adds hit {@code j} to run {@code r}. */
  private void add(ParsedLines l, int r, int j) {
    long size = l.bytes(j);
    int code = l.status(j);
    int c = code / 100;
    int cls = c >= 1 && c <= 5 ? c : 0;
    bytes[r] += size;
    classes[STATUS_CLASSES * r + cls]++;
    if (l.durationMicros(j) != LogRecord.NO_DURATION || l.vhostStart(j) >= 0) {
      latency[r] = true;
    }

    int start = l.sectionStart(j);
    int k = start < 0 ? l.sectionKeyCount() - start - 1 : l.sectionKey(j);
    int e = sections.entry(k, stamp, j);
    sections.hits[e]++;
    if (cls == 5) {
      sections.serverErrors[e]++;
    }

    k = l.hostStart(j) < 0 ? l.hostKeyCount() : l.hostKey(j);
    e = clients.entry(k, stamp, j);
    clients.hits[e]++;
    clients.bytes[e] += size;

    if (l.requestMalformed(j)) {
      badRequests[r]++;
      k = l.methodKeyCount();
    } else {
      k = l.methodKey(j);
    }
    e = methods.entry(k, stamp, j);
    methods.hits[e]++;

    e = statusEntry[code];
    if (statusStamp[code] != stamp) {
      statusStamp[code] = stamp;
      e = statuses.add(j);
      statuses.code[e] = code;
      statusEntry[code] = e;
    }
    statuses.hits[e]++;
  }
}
