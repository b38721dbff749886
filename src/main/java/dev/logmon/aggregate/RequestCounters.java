package dev.logmon.aggregate;

import dev.logmon.parse.ParsedLines;
import java.util.Arrays;

/**
 * The lifetime counters behind {@code /metrics}: hits by section, status class, method and virtual
 * host (one series per combination seen), and request durations by section in histogram buckets.
 * Late lines count too: these are totals since start, exact, and never decrease.
 *
 * <p>Label values are decided when a value is first seen and kept ({@link LabelTable}): at most
 * {@value #SECTIONS} sections and {@value #VHOSTS} virtual hosts get a label of their own, methods
 * outside {@link RequestCounts#METHODS} are {@code (other)}, and a request without a method (a
 * malformed request line) is {@code (none)}. At most {@value #SERIES_CAP} label sets get a series;
 * a combination first seen after that counts under section, method and vhost {@code (other)} with
 * its own status class, so a scrape stays bounded whatever the log holds.
 *
 * <p>Counting is array indexing: the caller passes label numbers ({@link #section}, {@link
 * #method}, {@link #vhost}), resolved once per key rather than once per hit where it can. Not
 * thread-safe: owned by the aggregator's thread; {@link #snapshot()} copies what presenters read.
 */
final class RequestCounters {
  static final int SECTIONS = 20;
  static final int VHOSTS = 20;
  static final int SERIES_CAP = 2_000;

  // Dimensions of a combination: vhost number 0 is "no vhost", 1 + label otherwise.
  private static final int SECTION_DIM = SECTIONS + 1;
  private static final int METHOD_DIM = RequestCounts.METHODS.size();
  private static final int VHOST_DIM = VHOSTS + 2;
  private static final int BUCKETS = RequestCounts.BUCKET_MICROS.length + 1;

  /** Status classes by code below 1024: a table, as C1 (replay's compiler) divides slowly. */
  private static final byte[] CLASS_OF = new byte[1024];

  static {
    for (int code = 0; code < CLASS_OF.length; code++) {
      CLASS_OF[code] = (byte) statusClass(code);
    }
  }

  private final LabelTable sections = new LabelTable(SECTIONS);
  private final LabelTable vhosts = new LabelTable(VHOSTS);
  private final StringCache vhostNames = new StringCache(256);
  private int[] sectionLabels = new int[64]; // by section id: label + 1, 0 = not decided
  private byte[] methodLabels = new byte[16]; // by method id: label + 1, 0 = not decided
  private final int[] seriesOf = new int[SECTION_DIM * METHOD_DIM * 6 * VHOST_DIM]; // series + 1
  private int[] labels = new int[4 * 64]; // per series: section, method, class, vhost number
  private long[] counts = new long[64];
  private int series;
  private final long[] buckets = new long[SECTION_DIM * BUCKETS];
  private final double[] durationMicros = new double[SECTION_DIM];
  private boolean durations;

  /** The label of section id {@code id}, whose text {@code names} holds. */
  int section(int id, Names names) {
    if (id < sectionLabels.length && sectionLabels[id] != 0) {
      return sectionLabels[id] - 1;
    }
    if (id >= sectionLabels.length) {
      sectionLabels = Arrays.copyOf(sectionLabels, Math.max(id + 1, sectionLabels.length * 2));
    }
    int label = sections.labelOf(names.key(id));
    sectionLabels[id] = label + 1;
    return label;
  }

  /** Section id {@code id} was released and may name another section next. */
  void forgetSection(int id) {
    if (id < sectionLabels.length) {
      sectionLabels[id] = 0;
    }
  }

  /** The label of method id {@code id} (ids are never released), whose text {@code names} holds. */
  int method(int id, Names names) {
    if (id < methodLabels.length && methodLabels[id] != 0) {
      return methodLabels[id] - 1;
    }
    if (id >= methodLabels.length) {
      methodLabels = Arrays.copyOf(methodLabels, Math.max(id + 1, methodLabels.length * 2));
    }
    int label = RequestCounts.methodLabel(names.key(id));
    methodLabels[id] = (byte) (label + 1);
    return label;
  }

  /** The vhost number of {@code vhost}: 0 for none (null), else 1 + its label. */
  int vhost(String vhost) {
    return vhost == null ? 0 : 1 + vhosts.labelOf(vhost);
  }

  /** The vhost number of the text {@code b[from, to)}, whose String hash is {@code hash}. */
  int vhost(byte[] b, int from, int to, int hash) {
    return 1 + vhosts.labelOf(vhostNames.get(b, from, to, hash));
  }

  /**
   * Counts one hit of section id {@code section} and method id {@code method} of {@code keys}, with
   * a {@link #vhost} number and a duration in microseconds (negative: none).
   */
  void add(KeyTables keys, int section, int method, int statusClass, int vhost, long duration) {
    int label = section(section, keys.sections);
    add(label, method(method, keys.methods), statusClass, vhost, 1);
    if (duration >= 0) {
      duration(label, duration);
    }
  }

  /** Counts {@code n} hits with these labels; {@code statusClass} 1..5, or 0 for others. */
  void add(int section, int method, int statusClass, int vhost, int n) {
    int combo = ((section * METHOD_DIM + method) * 6 + statusClass) * VHOST_DIM + vhost;
    int s = seriesOf[combo] - 1;
    if (s < 0) {
      s = newSeries(section, method, statusClass, vhost);
    }
    counts[s] += n;
  }

  /**
   * Counts rows {@code [from, to)} of a run of {@code l} whose keys' labels were just set in {@code
   * run}; with {@code extras} (some row has a vhost or a duration) their vhosts and durations too.
   * The loop over every row of a replay, so it indexes arrays rather than calling {@link #add}.
   */
  void addRows(ParsedLines l, int from, int to, ChunkLabels run, boolean extras) {
    if (extras) {
      for (int i = from; i < to; i++) {
        if (l.outcome(i) != ParsedLines.OK) {
          continue; // a filtered line in the run's second
        }
        int section = run.section(l, i);
        int v = l.vhostStart(i);
        int vhost = v < 0 ? 0 : vhost(l.buffer(), v, l.vhostEnd(i), l.vhostHash(i));
        add(section, run.method(l, i), statusClass(l.status(i)), vhost, 1);
        long d = l.durationMicros(i);
        if (d >= 0) {
          duration(section, d);
        }
      }
      return;
    }
    // Locals, not fields, in the loop: C1 would load each field again on every row.
    int[] bySection = run.sections;
    int[] byPlaceholder = run.placeholders;
    int[] byMethod = run.methods;
    int noMethod = run.noMethod;
    int[] index = seriesOf;
    byte[] classOf = CLASS_OF;
    long[] n = counts;
    for (int i = from; i < to; i++) {
      if (l.outcome(i) != ParsedLines.OK) {
        continue; // a filtered line in the run's second
      }
      int start = l.sectionStart(i);
      int section = start < 0 ? byPlaceholder[-start - 1] : bySection[l.sectionKey(i)];
      int method = l.requestMalformed(i) ? noMethod : byMethod[l.methodKey(i)];
      int cls = classOf[l.status(i)]; // a grouped row's status is below 1024 (RowRuns)
      int s = index[((section * METHOD_DIM + method) * 6 + cls) * VHOST_DIM] - 1;
      if (s < 0) {
        s = newSeries(section, method, cls, 0);
        n = counts; // it may have grown
      }
      n[s]++;
    }
  }

  /** The status class of a code: 1..5 for 1xx..5xx, 0 for any other. */
  static int statusClass(int status) {
    return status >= 100 && status < 600 ? status / 100 : 0;
  }

  /** Counts a request duration of a hit of section label {@code section}. */
  void duration(int section, long micros) {
    int b = 0;
    long[] bounds = RequestCounts.BUCKET_MICROS;
    while (b < bounds.length && micros > bounds[b]) {
      b++;
    }
    buckets[section * BUCKETS + b]++;
    durationMicros[section] += micros;
    durations = true;
  }

  private int newSeries(int section, int method, int statusClass, int vhost) {
    int combo = ((section * METHOD_DIM + method) * 6 + statusClass) * VHOST_DIM + vhost;
    if (series < SERIES_CAP) {
      return append(combo, section, method, statusClass, vhost);
    }
    int otherVhost = vhost == 0 ? 0 : 1 + LabelTable.OTHER;
    int overflow =
        ((LabelTable.OTHER * METHOD_DIM + RequestCounts.OTHER_METHOD) * 6 + statusClass) * VHOST_DIM
            + otherVhost;
    int s = seriesOf[overflow] - 1;
    if (s < 0) {
      s = append(overflow, LabelTable.OTHER, RequestCounts.OTHER_METHOD, statusClass, otherVhost);
    }
    seriesOf[combo] = s + 1; // decided for good, as a label is
    return s;
  }

  private int append(int combo, int section, int method, int statusClass, int vhost) {
    int s = series++;
    if (s == counts.length) {
      counts = Arrays.copyOf(counts, s * 2);
      labels = Arrays.copyOf(labels, 4 * s * 2);
    }
    labels[4 * s] = section;
    labels[4 * s + 1] = method;
    labels[4 * s + 2] = statusClass;
    labels[4 * s + 3] = vhost;
    seriesOf[combo] = s + 1;
    return s;
  }

  /** An immutable copy of every counter. */
  RequestCounts snapshot() {
    return new RequestCounts(
        sections.texts(),
        vhosts.texts(),
        Arrays.copyOf(labels, 4 * series),
        Arrays.copyOf(counts, series),
        durations ? buckets.clone() : null,
        durations ? durationMicros.clone() : null);
  }
}
