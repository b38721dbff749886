package dev.logmon.aggregate;

/**
 * The aggregator's recent traffic: a ring of per-second buckets holding the current second and the
 * {@code span} completed seconds before it, and the frame, alert and report {@link SlidingWindow}s
 * kept incrementally over it.
 *
 * <p>Buckets are rotated lazily: a bucket found holding an older second is taken out of every
 * window still counting it, lets go of its keys and is reused. The caller decides which seconds are
 * too old for the ring. Not thread-safe: owned by the aggregator's thread.
 */
final class SecondRing {
  private final SecondBucket[] ring;
  private final SlidingWindow frame;
  private final SlidingWindow window;
  private final SlidingWindow report;
  private final SlidingWindow[] windows;
  private final KeyTables keys;
  // The newest second any hit entered the ring at: quietFrom in O(1), not a walk of the ring.
  private long newest = Long.MIN_VALUE;

  SecondRing(AggregatorConfig config, KeyTables keys) {
    this.keys = keys;
    ring = new SecondBucket[config.span() + 1];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new SecondBucket();
    }
    frame = new SlidingWindow(config.frameSeconds());
    window = new SlidingWindow(config.windowSeconds());
    report =
        config.reportSeconds() == config.frameSeconds()
            ? frame
            : new SlidingWindow(config.reportSeconds());
    windows =
        report == frame
            ? new SlidingWindow[] {frame, window}
            : new SlidingWindow[] {frame, window, report};
  }

  /**
   * The bucket of second {@code s}, recycled first if it held an older second; the recycled bucket
   * keeps the keys {@code keepSection} and {@code keepHost} (-1: none) that the hit being counted
   * is about to use.
   */
  SecondBucket bucket(long s, int keepSection, int keepHost) {
    if (s > newest) {
      newest = s;
    }
    SecondBucket b = ring[(int) Math.floorMod(s, (long) ring.length)];
    if (b.second != s) {
      recycle(b, s, keepSection, keepHost);
    }
    return b;
  }

  /** Takes a bucket out of every window still counting it, lets go of its keys, and reuses it. */
  private void recycle(SecondBucket b, long s, int keepSection, int keepHost) {
    if (b.hits != 0) {
      for (SlidingWindow w : windows) {
        if (w.covers(b.second)) {
          w.apply(b, -1);
        }
      }
      keys.letGo(b, keepSection, keepHost);
    }
    b.clear(s);
  }

  /** Counts one hit of second {@code s} in its bucket and in every window covering it. */
  void add(
      long s,
      int section,
      int host,
      int method,
      int status,
      long size,
      int cls,
      boolean badRequest) {
    SecondBucket b = bucket(s, section, host);
    b.hits++;
    b.bytes += size;
    b.statusClasses[cls]++;
    if (badRequest) {
      b.malformedRequests++;
    }
    int e = b.sections.entry(section);
    if (e < 0) {
      e = ~e;
      keys.holdSection(section);
    }
    b.sections.values[2 * e]++;
    b.sections.values[2 * e + 1] += cls == 5 ? 1 : 0;
    e = b.hosts.entry(host);
    if (e < 0) {
      e = ~e;
      keys.holdHost(host);
    }
    b.hosts.values[2 * e] += size;
    b.hosts.values[2 * e + 1]++;
    // The entry is looked up first: it may grow the values array.
    e = index(b.methods.entry(method));
    b.methods.values[e]++;
    e = index(b.statuses.entry(status));
    b.statuses.values[e]++;
    for (SlidingWindow w : windows) {
      if (w.covers(s)) {
        w.addHit(section, host, method, status, size, cls, badRequest);
      }
    }
  }

  /**
   * Adds the totals of grouped run {@code r} of {@code runs} to bucket {@code b} and to the windows
   * already covering its second (it came out of order).
   *
   * @return whether a window took it: then the run's keys go to the windows too ({@code covered})
   */
  boolean addTotals(SecondBucket b, int n, long size, RunSums runs, int r, int badRequests) {
    b.hits += n;
    b.bytes += size;
    for (int c = 0; c < b.statusClasses.length; c++) {
      b.statusClasses[c] += runs.statusClass(r, c);
    }
    b.malformedRequests += badRequests;
    boolean covered = false;
    for (SlidingWindow w : windows) {
      if (w.covers(b.second)) {
        w.addTotals(n, size, runs, r, badRequests);
        covered = true;
      }
    }
    return covered;
  }

  /**
   * Adds {@code hits} hits of section {@code id}, {@code errors} of them 5xx, to a run's bucket.
   */
  void addSection(SecondBucket b, boolean covered, int id, int hits, int errors) {
    int x = b.sections.entry(id);
    if (x < 0) {
      x = ~x;
      keys.holdSection(id);
    }
    b.sections.values[2 * x] += hits;
    b.sections.values[2 * x + 1] += errors;
    if (covered) {
      SlidingWindow.addKey(windows, b.second, KeyKind.SECTION, id, hits, errors);
    }
  }

  /** Adds {@code hits} hits of client {@code id}, sending {@code sent} bytes, to a run's bucket. */
  void addHost(SecondBucket b, boolean covered, int id, long sent, int hits) {
    int x = b.hosts.entry(id);
    if (x < 0) {
      x = ~x;
      keys.holdHost(id);
    }
    b.hosts.values[2 * x] += sent;
    b.hosts.values[2 * x + 1] += hits;
    if (covered) {
      SlidingWindow.addKey(windows, b.second, KeyKind.CLIENT, id, sent, hits);
    }
  }

  /** Adds {@code hits} hits of method {@code id} to a run's bucket. */
  void addMethod(SecondBucket b, boolean covered, int id, int hits) {
    int x = index(b.methods.entry(id)); // first: a new entry may grow the values array
    b.methods.values[x] += hits;
    if (covered) {
      SlidingWindow.addKey(windows, b.second, KeyKind.METHOD, id, hits, 0);
    }
  }

  /** Adds {@code hits} hits of status code {@code code} to a run's bucket. */
  void addStatus(SecondBucket b, boolean covered, int code, int hits) {
    int x = index(b.statuses.entry(code));
    b.statuses.values[x] += hits;
    if (covered) {
      SlidingWindow.addKey(windows, b.second, KeyKind.STATUS, code, hits, 0);
    }
  }

  private static int index(int entry) {
    return entry < 0 ? ~entry : entry;
  }

  /** Hits in the {@code seconds} seconds ending with {@code endSecond}, which is in the ring. */
  long hitsBetween(long endSecond, int seconds) {
    if (seconds == window.seconds) {
      window.moveTo(endSecond, ring);
      return window.hits;
    }
    long sum = 0;
    for (long s = endSecond - seconds + 1; s <= endSecond; s++) {
      SecondBucket b = SlidingWindow.bucket(ring, s);
      sum += b == null ? 0 : b.hits;
    }
    return sum;
  }

  /** Whether no bucket for a second at or after {@code second} holds a hit. */
  boolean quietFrom(long second) {
    return newest < second;
  }

  /** Moves every window to end with {@code endSecond}. */
  void moveTo(long endSecond) {
    for (SlidingWindow w : windows) {
      w.moveTo(endSecond, ring);
    }
  }

  WindowStats frameStats(int topN) {
    return frame.stats(ring, keys.names, topN);
  }

  WindowStats windowStats(int topN) {
    return window.stats(ring, keys.names, topN);
  }

  /** The report window's stats: {@code frameStats} when it is the frame. */
  WindowStats reportStats(WindowStats frameStats, int topN) {
    return report == frame ? frameStats : report.stats(ring, keys.names, topN);
  }
}
