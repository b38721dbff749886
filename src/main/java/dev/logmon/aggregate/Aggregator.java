package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The mutable traffic state: it counts each hit into the {@link SecondRing} of recent seconds and
 * its windows, the {@link Lifetime} totals and tables, the per-minute hits and the {@code /metrics}
 * counters, and derives the immutable {@link TrafficSnapshot}s.
 *
 * <p>Not thread-safe: exactly one thread (the pipeline's) owns an aggregator, feeds it hits and
 * publishes the snapshots it derives. It never reads a clock: "now" is the newest second it was
 * advanced to, chosen by the caller (see docs/ARCHITECTURE.md, time model).
 *
 * <p>The ring holds the current second and the {@code span} completed seconds before it, where
 * {@code span} is the longest window asked for; an older hit counts toward the lifetime only. Keys
 * are counted by dictionary id; a key is forgotten when no bucket and no lifetime row holds it any
 * more, so memory follows the keys of the last {@code span} seconds plus the bounded lifetime
 * tables, never the length of the run.
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
  private final RequestCounters requests = new RequestCounters();
  private final LifetimeCounts life; // the lifetime tables by key, counted here, read by lifetime
  private final KeyTables keys;
  private final Lifetime lifetime;
  private final SecondRing ring;
  private final MinuteHits minutes = new MinuteHits();
  private final ChunkLabels chunkLabels = new ChunkLabels();
  private long now = Long.MIN_VALUE;

  public Aggregator(AggregatorConfig config) {
    this(config, LIFETIME_KEY_CAP);
  }

  /** An aggregator whose lifetime tables keep {@code lifetimeKeyCap} keys each (tests: small). */
  public Aggregator(AggregatorConfig config, int lifetimeKeyCap) {
    this.config = config;
    this.span = config.span();
    this.life = new LifetimeCounts(lifetimeKeyCap);
    this.keys = new KeyTables(life, requests);
    this.lifetime = new Lifetime(life, keys, requests);
    this.ring = new SecondRing(config, keys);
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
    lifetime.spanFrom(second);
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
    lifetime.countFuture(r.status(), cls, r.bytes(), r.requestMalformed());
    life.add(section, host, method, r.bytes(), cls == 5);
    keys.forgetIfUnused(section, host);
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
    lifetime.count(s, status, cls, size, badRequest, duration);
    life.add(section, host, method, size, cls == 5);
    minutes.count(s, now);
    if (s <= now - span) {
      lifetime.late(1);
      keys.forgetIfUnused(section, host);
      return false;
    }
    lifetime.spanFrom(s);
    ring.add(s, section, host, method, status, size, cls, badRequest);
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
    advanceTo(s);
    lifetime.countRun(l, runs, r, s);
    minutes.count(s, now, n);
    SecondBucket b = null; // a run older than every window counts toward the lifetime only
    boolean covered = false;
    if (s <= now - span) {
      lifetime.late(n);
    } else {
      lifetime.spanFrom(s);
      b = ring.bucket(s, -1, -1);
      covered = ring.addTotals(b, n, runs.bytes(r), runs, r, runs.badRequests(r));
    }
    addSections(l, runs, r, b, covered);
    addClients(l, runs, r, b, covered);
    addMethods(l, runs, r, b, covered);
    addStatuses(runs, r, b, covered);
    requests.addRows(l, from, to, chunkLabels, runs.latency(r));
  }

  // Each kind's loop is a method of its own: the JIT compiles four small loops rather than one
  // large method with four (bench/README.md, follow CPU). Without a bucket (a late run) a key is
  // released if nothing else holds it.

  private void addSections(ParsedLines l, RunSums runs, int r, SecondBucket b, boolean covered) {
    for (int e = runs.entriesFrom(KeyKind.SECTION, r), end = runs.entriesTo(KeyKind.SECTION, r);
        e < end;
        e++) {
      int id = keys.section(l, runs.row(KeyKind.SECTION, e));
      int h = runs.hits(KeyKind.SECTION, e);
      int err = runs.serverErrors(e);
      life.addSection(id, h, err);
      chunkLabels.section(l, runs.row(KeyKind.SECTION, e), requests.section(id, keys.sections));
      if (b == null) {
        keys.forgetSectionIfUnused(id);
      } else {
        ring.addSection(b, covered, id, h, err);
      }
    }
  }

  private void addClients(ParsedLines l, RunSums runs, int r, SecondBucket b, boolean covered) {
    for (int e = runs.entriesFrom(KeyKind.CLIENT, r), end = runs.entriesTo(KeyKind.CLIENT, r);
        e < end;
        e++) {
      int id = keys.host(l, runs.row(KeyKind.CLIENT, e));
      int h = runs.hits(KeyKind.CLIENT, e);
      long sent = runs.clientBytes(e);
      life.addHost(id, sent, h);
      if (b == null) {
        keys.forgetHostIfUnused(id);
      } else {
        ring.addHost(b, covered, id, sent, h);
      }
    }
  }

  private void addMethods(ParsedLines l, RunSums runs, int r, SecondBucket b, boolean covered) {
    for (int e = runs.entriesFrom(KeyKind.METHOD, r), end = runs.entriesTo(KeyKind.METHOD, r);
        e < end;
        e++) {
      int id = keys.method(l, runs.row(KeyKind.METHOD, e));
      int h = runs.hits(KeyKind.METHOD, e);
      life.methods.addOne(id, h, 0);
      chunkLabels.method(l, runs.row(KeyKind.METHOD, e), requests.method(id, keys.methods));
      if (b != null) {
        ring.addMethod(b, covered, id, h);
      }
    }
  }

  private void addStatuses(RunSums runs, int r, SecondBucket b, boolean covered) {
    for (int e = runs.entriesFrom(KeyKind.STATUS, r), end = runs.entriesTo(KeyKind.STATUS, r);
        e < end;
        e++) {
      int code = runs.statusCode(e);
      int h = runs.hits(KeyKind.STATUS, e);
      lifetime.status(code, h);
      if (b != null) {
        ring.addStatus(b, covered, code, h);
      }
    }
  }

  /** Section and client keys held now (for tests: memory must not grow with the run). */
  int keyCount() {
    return keys.sections.size() + keys.hosts.size();
  }

  @Override
  public void addMalformed(MalformedReason reason) {
    lifetime.malformed(reason);
  }

  @Override
  public void filterLabels(List<String> labels) {
    lifetime.filterLabels(labels);
  }

  @Override
  public void addFiltered(int rule) {
    lifetime.filtered(rule);
  }

  @Override
  public long hitsBetween(long endSecond, int seconds) {
    return ring.hitsBetween(endSecond, seconds);
  }

  @Override
  public boolean quietFrom(long second) {
    return ring.quietFrom(second);
  }

  @Override
  public double lifetimeRate(long endSecond) {
    return lifetime.rate(endSecond);
  }

  @Override
  public long hits() {
    return lifetime.hits();
  }

  @Override
  public TrafficSnapshot snapshot(long endSecond, ZoneOffset offset) {
    ring.moveTo(endSecond);
    int topN = config.topN();
    WindowStats frame = ring.frameStats(topN);
    return new TrafficSnapshot(
        Instant.ofEpochSecond(endSecond + 1),
        offset,
        frame,
        ring.windowStats(topN),
        ring.reportStats(frame, topN),
        lifetime.totals(endSecond, topN),
        minutes.endingAt(endSecond));
  }

  @Override
  public HistorySnapshot history() {
    return lifetime.history();
  }

  @Override
  public LifetimeState lifetimeState() {
    return lifetime.state(now);
  }

  /**
   * Adds a previous run's lifetime numbers ({@code --persist}) before anything is counted: totals,
   * tables, history, filtered lines and hits by virtual host continue from them, and the lifetime
   * rate from the seconds they counted; the windows and the {@code /metrics} counters start empty.
   * Call after {@link #filterLabels}.
   */
  @Override
  public void restore(LifetimeState saved) {
    lifetime.restore(saved);
  }
}
