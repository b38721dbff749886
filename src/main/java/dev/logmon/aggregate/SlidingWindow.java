package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.List;

/**
 * The running totals of the window {@code [end - seconds + 1, end]} over the aggregator's ring,
 * kept incrementally: moving the end by one second adds the bucket that enters and subtracts the
 * one that leaves, and a hit that arrives for a second already inside the window is added at once.
 * A snapshot then costs only a walk over the window's live keys, not a merge of its buckets.
 *
 * <p>Invariant: the totals equal the sum of the ring's buckets whose second is in the window. The
 * aggregator keeps it by subtracting a bucket from every window covering it before reusing it. Not
 * thread-safe: owned by the aggregator's thread.
 */
final class SlidingWindow {
  final int seconds;
  long end = Long.MIN_VALUE;
  long hits;
  long bytes;
  long malformedRequests;
  final long[] classes = new long[6];
  final DenseCounts sections = new DenseCounts(2, 0);
  final DenseCounts hosts = new DenseCounts(2, 1);
  final DenseCounts methods = new DenseCounts(1, 0);
  final DenseCounts statuses = new DenseCounts(1, 0);

  SlidingWindow(int seconds) {
    this.seconds = seconds;
  }

  boolean covers(long second) {
    // A window that has not moved yet (end is Long.MIN_VALUE) covers nothing by the first test
    // alone; a separate test for it would be a branch only a new monitor's first lines take, which
    // the JIT warm-up's compiled code never saw (bench/README.md, follow CPU).
    return second <= end && second > end - seconds;
  }

  /** Makes {@code newEnd} the window's last second. */
  void moveTo(long newEnd, SecondBucket[] ring) {
    if (newEnd == end) {
      return;
    }
    if (end == Long.MIN_VALUE || newEnd < end || newEnd - end >= seconds) {
      clear();
      end = newEnd;
      for (long s = newEnd - seconds + 1; s <= newEnd; s++) {
        apply(bucket(ring, s), 1);
      }
      return;
    }
    for (long s = end + 1; s <= newEnd; s++) {
      apply(bucket(ring, s), 1);
      apply(bucket(ring, s - seconds), -1);
    }
    end = newEnd;
  }

  /** Adds or ({@code sign} -1) removes a bucket; null is a no-op. */
  void apply(SecondBucket b, int sign) {
    if (b == null || b.hits == 0) {
      return;
    }
    hits += sign * b.hits;
    bytes += sign * b.bytes;
    malformedRequests += sign * b.malformedRequests;
    for (int i = 0; i < classes.length; i++) {
      classes[i] += sign * b.statusClasses[i];
    }
    addAll(sections, b.sections, sign);
    addAll(hosts, b.hosts, sign);
    addAll(methods, b.methods, sign);
    addAll(statuses, b.statuses, sign);
  }

  /** Adds one hit for a second the window already covers. */
  void addHit(int section, int host, int method, int status, long size, int cls, boolean badReq) {
    hits++;
    bytes += size;
    classes[cls]++;
    if (badReq) {
      malformedRequests++;
    }
    sections.addOne(section, 1, cls == 5 ? 1 : 0);
    hosts.addOne(host, size, 1);
    methods.addOne(method, 1, 0);
    statuses.addOne(status, 1, 0);
  }

  /**
   * Adds the totals of {@code n} hits for a second the window already covers; their keys are added
   * to the tables directly, as {@link #addHit} would one hit at a time.
   */
  void addTotals(long n, long size, RunSums runs, int r, long badRequests) {
    hits += n;
    bytes += size;
    for (int c = 0; c < classes.length; c++) {
      classes[c] += runs.statusClass(r, c);
    }
    malformedRequests += badRequests;
  }

  /**
   * Adds {@code a} and {@code b} for key {@code id} to the table of {@code kind} of each of {@code
   * windows} that covers second {@code s}.
   */
  static void addKey(SlidingWindow[] windows, long s, KeyKind kind, int id, long a, long b) {
    for (SlidingWindow w : windows) {
      if (w.covers(s)) {
        DenseCounts t =
            switch (kind) {
              case SECTION -> w.sections;
              case CLIENT -> w.hosts;
              case METHOD -> w.methods;
              case STATUS -> w.statuses;
              case VHOST -> throw new IllegalArgumentException("windows count no virtual hosts");
            };
        t.addOne(id, a, b);
      }
    }
  }

  WindowStats stats(SecondBucket[] ring, TopN.Keys keys, int topN) {
    List<Long> perSecond = new ArrayList<>(seconds);
    for (long s = end - seconds + 1; s <= end; s++) {
      SecondBucket b = bucket(ring, s);
      perSecond.add(b == null ? 0L : b.hits);
    }
    return new WindowStats(
        end - seconds + 1,
        end,
        hits,
        (double) hits / seconds,
        bytes,
        StatusClasses.of(classes),
        TopN.sections(sections, keys.sections(), hits, topN, null),
        TopN.hosts(hosts, keys.hosts(), topN, null),
        TopN.counts(methods, keys.methods(), Integer.MAX_VALUE),
        TopN.counts(statuses, Names.STATUS_CODES, topN),
        hosts.size(),
        malformedRequests,
        perSecond);
  }

  private void clear() {
    hits = 0;
    bytes = 0;
    malformedRequests = 0;
    java.util.Arrays.fill(classes, 0);
    sections.clear();
    hosts.clear();
    methods.clear();
    statuses.clear();
  }

  private static void addAll(DenseCounts into, IdCounts from, int sign) {
    for (int e = 0; e < from.size; e++) {
      into.add(from.ids[e], from.values, e * from.width, sign);
    }
  }

  static SecondBucket bucket(SecondBucket[] ring, long s) {
    SecondBucket b = ring[(int) Math.floorMod(s, (long) ring.length)];
    return b.second == s ? b : null;
  }
}
