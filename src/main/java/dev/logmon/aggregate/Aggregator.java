package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The mutable traffic state: a ring of per-second buckets keyed by log time, running totals of the
 * frame, report and alert windows, and lifetime totals.
 *
 * <p>Not thread-safe: exactly one thread (the pipeline's) owns an aggregator, feeds it hits and
 * publishes the immutable {@link TrafficSnapshot}s it derives. It never reads a clock: "now" is the
 * newest second it was advanced to, chosen by the caller (see docs/ARCHITECTURE.md, time model).
 *
 * <p>The ring holds the current second and the {@code span} completed seconds before it, where
 * {@code span} is the longest window asked for. Buckets are rotated lazily. Keys are counted by
 * dictionary id; a key is forgotten when no bucket and no lifetime row holds it any more, so memory
 * follows the keys of the last {@code span} seconds plus the bounded lifetime tables, never the
 * length of the run.
 */
public final class Aggregator implements TrafficCounter {
  /** Lifetime tables keep at most this many keys; the rest is folded into {@link #OTHER}. */
  static final int LIFETIME_KEY_CAP = 100_000;

  /** The row that collects lifetime keys beyond {@link #LIFETIME_KEY_CAP}. */
  public static final String OTHER = "(other)";

  /** Minutes of per-minute history kept for long charts. */
  public static final int MINUTES = 60;

  private final AggregatorConfig config;
  private final int span;
  private final SecondBucket[] ring;
  private final SlidingWindow[] windows;
  private final SlidingWindow frame;
  private final SlidingWindow window;
  private final SlidingWindow report;
  private final LifetimeCounts life;
  private final KeyTables keys;
  private final MinuteHits minutes = new MinuteHits();
  private final History history = new History();
  private long now = Long.MIN_VALUE;

  private long hits;
  private long bytes;
  private long late;
  private long future;
  private long malformedRequests;
  // The lifetime rate's span starts at the first second that entered the windows (or the start
  // second), so one line stamped years ago cannot stretch it; see lifetimeRate.
  private long firstSecond = Long.MIN_VALUE;
  // Seconds counted by earlier runs (--persist): the rate divides by them plus this run's own, so
  // the time logmon was down does not dilute it.
  private long earlierSeconds;
  // Hits by virtual host of earlier runs (--persist), added to this run's in the history.
  private final java.util.Map<String, Long> earlierVhosts = new java.util.HashMap<>();
  // The newest second any hit entered the windows at: quietFrom in O(1), not a walk of the ring.
  private long newestInWindows = Long.MIN_VALUE;
  private final long[] statusClasses = new long[6];
  private final RequestCounters requests = new RequestCounters();
  private final ChunkLabels chunkLabels = new ChunkLabels();
  private FilteredCounts filtered = new FilteredCounts(List.of());

  public Aggregator(AggregatorConfig config) {
    this(config, LIFETIME_KEY_CAP);
  }

  /** An aggregator whose lifetime tables keep {@code lifetimeKeyCap} keys each (tests: small). */
  public Aggregator(AggregatorConfig config, int lifetimeKeyCap) {
    this.config = config;
    this.life = new LifetimeCounts(lifetimeKeyCap);
    this.keys = new KeyTables(life, requests);
    this.span = config.span();
    this.ring = new SecondBucket[span + 1];
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

  @Override
  public AggregatorConfig config() {
    return config;
  }

  @Override
  public boolean started() {
    return now != Long.MIN_VALUE;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public void startAt(long second) {
    advanceTo(second);
    if (firstSecond == Long.MIN_VALUE || second < firstSecond) {
      firstSecond = second;
    }
  }

  @Override
  public void advanceTo(long second) {
    if (second > now) {
      now = second;
    }
  }

  @Override
  public boolean add(LogRecord r, long second) {
    return add(
        second,
        keys.section(r),
        keys.host(r),
        keys.method(r),
        r.status(),
        r.bytes(),
        requests.vhost(r.vhost()),
        r.durationMicros());
  }

  @Override
  public boolean add(ParsedLines l, int i, long second) {
    if (l.outcome(i) == ParsedLines.RECORD) {
      return add(l.record(i), second);
    }
    int v = l.vhostStart(i);
    return add(
        second,
        keys.section(l, i),
        keys.host(l, i),
        keys.method(l, i),
        l.status(i),
        l.bytes(i),
        v < 0 ? 0 : requests.vhost(l.buffer(), v, l.vhostEnd(i), l.vhostHash(i)),
        l.durationMicros(i));
  }

  @Override
  public void addFuture(LogRecord r) {
    int section = keys.section(r);
    int host = keys.host(r);
    int method = keys.method(r);
    int cls = r.statusClass();
    requests.add(keys, section, method, cls, requests.vhost(r.vhost()), r.durationMicros());
    hits++;
    future++;
    bytes += r.bytes();
    statusClasses[cls]++;
    if (r.requestMalformed()) {
      malformedRequests++;
    }
    history.status(r.status(), 1);
    life.add(section, host, method, r.bytes(), cls == 5);
    keys.forgetIfUnused(section, host);
  }

  /** Notes a second that entered the windows: it may start the lifetime span. */
  private void entered(long s) {
    if (firstSecond == Long.MIN_VALUE || s < firstSecond) {
      firstSecond = s;
    }
    if (s > newestInWindows) {
      newestInWindows = s;
    }
  }

  /**
   * Counts one hit; {@code vhost} is its {@link RequestCounters#vhost} number, {@code duration} in
   * microseconds or negative.
   */
  private boolean add(
      long s, int section, int host, int method, int status, long size, int vhost, long duration) {
    advanceTo(s);
    int c = status / 100;
    int cls = c >= 1 && c <= 5 ? c : 0;
    boolean badRequest = method == 0;
    requests.add(keys, section, method, cls, vhost, duration);
    hits++;
    bytes += size;
    statusClasses[cls]++;
    if (badRequest) {
      malformedRequests++;
    }
    life.add(section, host, method, size, cls == 5);
    minutes.count(s, now);
    history.count(s, 1, cls == 4 ? 1 : 0, cls == 5 ? 1 : 0, size);
    history.status(status, 1);
    if (duration >= 0) {
      history.duration(s, duration);
    }
    if (s <= now - span) {
      late++;
      keys.forgetIfUnused(section, host);
      return false;
    }
    entered(s);
    SecondBucket b = ring[slot(s)];
    if (b.second != s) {
      recycle(b, s, section, host);
    }
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
    return true;
  }

  /**
   * Counts grouped run {@code r} of {@code runs} (the sums of chunk {@code l}) as its rows one by
   * one would be counted: the run's second, totals and per-key sums once, each distinct key looked
   * up once. The bucket is recycled before the run's keys are looked up, so no key is released
   * after its id was taken.
   */
  @Override
  public void addRun(ParsedLines l, RunSums runs, int r, long s) {
    int from = runs.from(r);
    int to = runs.to(r);
    int n = runs.hitRows(r);
    long size = runs.bytes(r);
    int bad = runs.badRequests(r);
    advanceTo(s);
    hits += n;
    bytes += size;
    for (int c = 0; c < statusClasses.length; c++) {
      statusClasses[c] += runs.statusClass(r, c);
    }
    malformedRequests += bad;
    minutes.count(s, now, n);
    history.count(s, n, runs.statusClass(r, 4), runs.statusClass(r, 5), size);
    if (runs.latency(r)) {
      for (int i = from; i < from + n; i++) {
        long d = l.durationMicros(i);
        if (d >= 0) {
          history.duration(s, d);
        }
      }
    }
    if (s <= now - span) {
      late += n;
      addLateRun(l, runs, r);
      requests.addRows(l, from, to, chunkLabels, runs.latency(r));
      return;
    }
    entered(s);
    SecondBucket b = ring[slot(s)];
    if (b.second != s) {
      recycle(b, s, -1, -1);
    }
    b.hits += n;
    b.bytes += size;
    for (int c = 0; c < b.statusClasses.length; c++) {
      b.statusClasses[c] += runs.statusClass(r, c);
    }
    b.malformedRequests += bad;
    // Windows already covering the second (it came out of order) take the run at once.
    boolean covered = false;
    for (SlidingWindow w : windows) {
      if (w.covers(s)) {
        w.addTotals(n, size, runs, r, bad);
        covered = true;
      }
    }
    for (int e = runs.entriesFrom(KeyKind.SECTION, r), end = runs.entriesTo(KeyKind.SECTION, r);
        e < end;
        e++) {
      int id = keys.section(l, runs.row(KeyKind.SECTION, e));
      int h = runs.hits(KeyKind.SECTION, e);
      int err = runs.serverErrors(e);
      life.addSection(id, h, err);
      chunkLabels.section(l, runs.row(KeyKind.SECTION, e), requests.section(id, keys.sections));
      int x = b.sections.entry(id);
      if (x < 0) {
        x = ~x;
        keys.holdSection(id);
      }
      b.sections.values[2 * x] += h;
      b.sections.values[2 * x + 1] += err;
      if (covered) {
        SlidingWindow.addKey(windows, s, KeyKind.SECTION, id, h, err);
      }
    }
    for (int e = runs.entriesFrom(KeyKind.CLIENT, r), end = runs.entriesTo(KeyKind.CLIENT, r);
        e < end;
        e++) {
      int id = keys.host(l, runs.row(KeyKind.CLIENT, e));
      int h = runs.hits(KeyKind.CLIENT, e);
      long sent = runs.clientBytes(e);
      life.addHost(id, sent, h);
      int x = b.hosts.entry(id);
      if (x < 0) {
        x = ~x;
        keys.holdHost(id);
      }
      b.hosts.values[2 * x] += sent;
      b.hosts.values[2 * x + 1] += h;
      if (covered) {
        SlidingWindow.addKey(windows, s, KeyKind.CLIENT, id, sent, h);
      }
    }
    for (int e = runs.entriesFrom(KeyKind.METHOD, r), end = runs.entriesTo(KeyKind.METHOD, r);
        e < end;
        e++) {
      int id = keys.method(l, runs.row(KeyKind.METHOD, e));
      int h = runs.hits(KeyKind.METHOD, e);
      life.methods.addOne(id, h, 0);
      chunkLabels.method(l, runs.row(KeyKind.METHOD, e), requests.method(id, keys.methods));
      int x = index(b.methods.entry(id)); // first: a new entry may grow the values array
      b.methods.values[x] += h;
      if (covered) {
        SlidingWindow.addKey(windows, s, KeyKind.METHOD, id, h, 0);
      }
    }
    for (int e = runs.entriesFrom(KeyKind.STATUS, r), end = runs.entriesTo(KeyKind.STATUS, r);
        e < end;
        e++) {
      int code = runs.statusCode(e);
      int h = runs.hits(KeyKind.STATUS, e);
      history.status(code, h);
      int x = index(b.statuses.entry(code));
      b.statuses.values[x] += h;
      if (covered) {
        SlidingWindow.addKey(windows, s, KeyKind.STATUS, code, h, 0);
      }
    }
    requests.addRows(l, from, to, chunkLabels, runs.latency(r));
  }

  /** A run older than every window: its keys count toward the lifetime tables only. */
  private void addLateRun(ParsedLines l, RunSums runs, int r) {
    for (int e = runs.entriesFrom(KeyKind.SECTION, r), end = runs.entriesTo(KeyKind.SECTION, r);
        e < end;
        e++) {
      int id = keys.section(l, runs.row(KeyKind.SECTION, e));
      life.addSection(id, runs.hits(KeyKind.SECTION, e), runs.serverErrors(e));
      chunkLabels.section(l, runs.row(KeyKind.SECTION, e), requests.section(id, keys.sections));
      keys.forgetSectionIfUnused(id);
    }
    for (int e = runs.entriesFrom(KeyKind.CLIENT, r), end = runs.entriesTo(KeyKind.CLIENT, r);
        e < end;
        e++) {
      int id = keys.host(l, runs.row(KeyKind.CLIENT, e));
      life.addHost(id, runs.clientBytes(e), runs.hits(KeyKind.CLIENT, e));
      keys.forgetHostIfUnused(id);
    }
    for (int e = runs.entriesFrom(KeyKind.METHOD, r), end = runs.entriesTo(KeyKind.METHOD, r);
        e < end;
        e++) {
      int id = keys.method(l, runs.row(KeyKind.METHOD, e));
      life.methods.addOne(id, runs.hits(KeyKind.METHOD, e), 0);
      chunkLabels.method(l, runs.row(KeyKind.METHOD, e), requests.method(id, keys.methods));
    }
    for (int e = runs.entriesFrom(KeyKind.STATUS, r), end = runs.entriesTo(KeyKind.STATUS, r);
        e < end;
        e++) {
      history.status(runs.statusCode(e), runs.hits(KeyKind.STATUS, e));
    }
  }

  private static int index(int entry) {
    return entry < 0 ? ~entry : entry;
  }

  /**
   * Takes a bucket out of every window still counting it, lets go of its keys (but not of the two
   * the hit being counted is about to use), and reuses it for second {@code s}.
   */
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

  /** Section and client keys held now (for tests: memory must not grow with the run). */
  int keyCount() {
    return keys.sections.size() + keys.hosts.size();
  }

  @Override
  public void addMalformed(MalformedReason reason) {
    life.malformed.merge(reason, 1L, Long::sum);
  }

  @Override
  public void filterLabels(List<String> labels) {
    filtered = new FilteredCounts(labels);
  }

  @Override
  public void addFiltered(int rule) {
    filtered.add(rule);
  }

  @Override
  public long hitsBetween(long endSecond, int seconds) {
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

  @Override
  public boolean quietFrom(long second) {
    return newestInWindows < second;
  }

  @Override
  public double lifetimeRate(long endSecond) {
    if (firstSecond == Long.MIN_VALUE && earlierSeconds == 0) {
      return 0;
    }
    long seconds = firstSecond == Long.MIN_VALUE ? 0 : endSecond - firstSecond + 1;
    return (double) (hits - late - future) / Math.max(1, earlierSeconds + seconds);
  }

  @Override
  public long hits() {
    return hits;
  }

  @Override
  public TrafficSnapshot snapshot(long endSecond, ZoneOffset offset) {
    for (SlidingWindow w : windows) {
      w.moveTo(endSecond, ring);
    }
    int topN = config.topN();
    WindowStats frameStats = frame.stats(ring, keys.names, topN);
    java.util.List<SectionStat> lifetimeTop =
        TopN.sections(life.sections, keys.sections, hits, topN, life.otherSections());
    LifetimeTotals totals =
        new LifetimeTotals(
            hits,
            lifetimeRate(endSecond),
            bytes,
            StatusClasses.of(statusClasses),
            life.malformed,
            late,
            future,
            malformedRequests,
            firstSecond,
            lifetimeTop,
            TopN.hosts(life.hosts, keys.hosts, topN, life.otherHosts()),
            TopN.counts(life.methods, keys.methods, Integer.MAX_VALUE),
            requests.snapshot(),
            filtered.snapshot());
    return new TrafficSnapshot(
        Instant.ofEpochSecond(endSecond + 1),
        offset,
        frameStats,
        window.stats(ring, keys.names, topN),
        report == frame ? frameStats : report.stats(ring, keys.names, topN),
        totals,
        minutes.endingAt(endSecond));
  }

  @Override
  public HistorySnapshot history() {
    int rows = HistorySnapshot.ROWS;
    return new HistorySnapshot(
        history.counts(),
        TopN.sections(life.sections, keys.sections, hits, rows, life.otherSections()),
        TopN.hosts(life.hosts, keys.hosts, rows, life.otherHosts()),
        TopN.counts(life.methods, keys.methods, Integer.MAX_VALUE),
        vhosts(),
        BreakdownSnapshot.NONE);
  }

  /** Hits by virtual host, with earlier runs', most first (ties by name). */
  private List<Count> vhosts() {
    List<Count> now = requests.snapshot().vhostHits();
    if (earlierVhosts.isEmpty()) {
      return now;
    }
    java.util.Map<String, Long> all = new java.util.HashMap<>(earlierVhosts);
    now.forEach(c -> all.merge(c.key(), c.count(), Long::sum));
    List<Count> out = new java.util.ArrayList<>();
    all.forEach((k, v) -> out.add(new Count(k, v)));
    out.sort(java.util.Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key));
    return out;
  }

  @Override
  public LifetimeState lifetimeState() {
    int rows = LifetimeState.ROWS;
    java.util.List<Long> classes = new java.util.ArrayList<>(statusClasses.length);
    for (long c : statusClasses) {
      classes.add(c);
    }
    return new LifetimeState(
        hits,
        bytes,
        late,
        future,
        malformedRequests,
        earlierSeconds + (firstSecond == Long.MIN_VALUE ? 0 : Math.max(0, now - firstSecond)),
        classes,
        life.malformed,
        TopN.sections(life.sections, keys.sections, hits, rows, life.otherSections()),
        TopN.hosts(life.hosts, keys.hosts, rows, life.otherHosts()),
        TopN.counts(life.methods, keys.methods, Integer.MAX_VALUE),
        history.counts(),
        filtered.snapshot(),
        vhosts(),
        BreakdownState.NONE);
  }

  /**
   * Adds a previous run's lifetime numbers ({@code --persist}) before anything is counted: totals,
   * tables, history, filtered lines and hits by virtual host continue from them, and the lifetime
   * rate from the seconds they counted; the windows and the {@code /metrics} counters start empty.
   * Call after {@link #filterLabels}.
   */
  @Override
  public void restore(LifetimeState saved) {
    hits += saved.hits();
    bytes += saved.bytes();
    late += saved.late();
    future += saved.future();
    malformedRequests += saved.malformedRequests();
    earlierSeconds += saved.countedSeconds();
    filtered = filtered.plus(saved.filtered());
    saved.vhosts().forEach(c -> earlierVhosts.merge(c.key(), c.count(), Long::sum));
    for (int c = 0; c < statusClasses.length; c++) {
      statusClasses[c] += saved.statusClasses().get(c);
    }
    saved.malformed().forEach((reason, n) -> life.malformed.merge(reason, n, Long::sum));
    for (SectionStat st : saved.sections()) {
      if (st.section().equals(OTHER)) {
        life.otherSection[0] += st.hits();
        life.otherSection[1] += st.serverErrors();
      } else {
        life.addSection(keys.sections.idOf(st.section()), st.hits(), st.serverErrors());
      }
    }
    for (HostStat h : saved.clients()) {
      if (h.host().equals(OTHER)) {
        life.otherHost[0] += h.bytes();
        life.otherHost[1] += h.hits();
      } else {
        life.addHost(keys.hosts.idOf(h.host()), h.bytes(), h.hits());
      }
    }
    for (Count m : saved.methods()) {
      life.methods.addOne(keys.methods.idOf(m.key()), m.count(), 0);
    }
    history.restore(saved.history());
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, (long) ring.length);
  }
}
