package dev.logmon.pipeline;

import dev.logmon.aggregate.LatencyWindows;
import dev.logmon.aggregate.TrafficCounter;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowRuns;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.present.Sanitizer;
import dev.logmon.present.SourceView;
import dev.logmon.source.LineBatch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pipeline's single consumer: parses batches, feeds the aggregator, walks time forward one
 * second at a time, evaluating the alert for every completed second and reporting at every interval
 * boundary.
 *
 * <p>Not thread-safe: one thread owns a monitor and everything in it; other threads read only
 * {@link #latest()}, the last published immutable view. The monitor never reads a clock: follow
 * mode passes the wall-clock second to {@link #tick(long)} (see docs/ARCHITECTURE.md).
 */
public final class Monitor {
  private final MonitorConfig config;
  private final LineParser parser;
  private final TrafficCounter aggregator;
  private final AlertEngine alerts;
  private final Presenter presenter;
  private final Consumer<String> notes;
  private final Supplier<List<SourceView>> sources;
  private final AtomicReference<MonitorView> latest = new AtomicReference<>();
  private final LatencyWindows latency;

  private ZoneOffset offset;
  private int offsetSeconds = Integer.MIN_VALUE;
  private long newestSecond = Long.MIN_VALUE;
  private long malformedShown;
  private boolean skewWarned;
  private boolean finished;
  // Written once per batch by the pipeline thread: a cheap progress signal other threads may read.
  private volatile long linesCounted;

  public Monitor(
      MonitorConfig config,
      LineParser parser,
      TrafficCounter aggregator,
      AlertEngine alerts,
      Presenter presenter,
      ZoneOffset defaultOffset,
      Consumer<String> notes,
      Supplier<List<SourceView>> sources) {
    this.config = config;
    this.parser = parser;
    this.aggregator = aggregator;
    this.alerts = alerts;
    this.presenter = presenter;
    this.offset = defaultOffset;
    this.notes = notes;
    this.sources = sources;
    this.latency = new LatencyWindows(aggregator.config().span(), alerts.latencyThresholdMicros());
  }

  /** Passes a note (a file that could not be read to its end, say) to where notes go. */
  public void note(String message) {
    notes.accept(message);
  }

  /** Follow mode: starts the clock at the wall-clock second logmon started. */
  public void startAt(long wallSecond) {
    aggregator.startAt(wallSecond);
  }

  /** Parses and counts a batch of lines, advancing time to the newest timestamp it holds. */
  public void accept(LineBatch batch) {
    long lineNumber = batch.firstLineNumber();
    LineParser sourceParser = parser.forSource(batch.source());
    sourceParser.preview(batch.lines());
    List<Integer> oversize = batch.oversize();
    int nextOversize = oversize.isEmpty() ? -1 : oversize.get(0);
    int index = 0;
    int cutSeen = 0;
    for (String line : batch.lines()) {
      if (index++ == nextOversize) {
        // Only the cut start of a line over the cap: the source counted it as oversize.
        cutSeen++;
        nextOversize = cutSeen < oversize.size() ? oversize.get(cutSeen) : -1;
        lineNumber++;
        continue;
      }
      ParseResult result = sourceParser.parse(line);
      if (result instanceof ParseResult.Parsed p) {
        LogRecord r = p.record();
        time(r.epochSecond(), r.offsetSeconds());
        aggregator.add(r);
        latency.add(r, aggregator.now());
      } else if (result instanceof ParseResult.Malformed m) {
        aggregator.addMalformed(m.reason());
        if (malformedShown < config.showMalformed()) {
          quote(m.reason(), batch.source(), lineNumber, line);
        }
      }
      lineNumber++;
    }
    linesCounted += batch.lines().size();
  }

  /**
   * Counts a chunk of already parsed lines, in order, exactly as {@link #accept(LineBatch)} counts
   * the same lines.
   *
   * @param firstLineNumber the 1-based number of the chunk's first line in {@code source}
   */
  public void accept(ParsedLines lines, String source, long firstLineNumber) {
    RowRuns runs = lines.runs();
    if (runs.rows() != lines.size()) {
      throw new IllegalStateException("a chunk's rows were not grouped into runs");
    }
    // A method call per run (a second of log), not one loop over the chunk: the JIT compiles the
    // callee after a few hundred runs, whereas a loop in a method called once per chunk runs
    // interpreted until on-stack replacement, which came 0.25 s into a replay
    // (-XX:+PrintCompilation).
    for (int r = 0, n = runs.count(); r < n; r++) {
      if (runs.grouped(r)) {
        acceptRun(lines, runs, r);
      } else {
        acceptRow(lines, runs.from(r), source, firstLineNumber);
      }
    }
    linesCounted += lines.size();
  }

  /**
   * Counts grouped run {@code r}: its hits share one second and offset, so time moves (at most)
   * once, before the first of them, exactly as when they are counted one by one.
   */
  private void acceptRun(ParsedLines lines, RowRuns runs, int r) {
    int from = runs.from(r);
    time(lines.second(from), lines.offsetSeconds(from));
    aggregator.addRun(lines, r);
    if (runs.latency(r)) {
      long now = aggregator.now();
      for (int i = from, end = runs.to(r); i < end; i++) {
        latency.add(lines, i, now);
      }
    }
  }

  /** Counts row {@code i}, a line that is not part of a run (malformed, or read as a String). */
  private void acceptRow(ParsedLines lines, int i, String source, long firstLineNumber) {
    byte outcome = lines.outcome(i);
    if (outcome == ParsedLines.OK) {
      time(lines.second(i), lines.offsetSeconds(i));
      aggregator.add(lines, i);
      latency.add(lines, i, aggregator.now()); // returns at once for rows with no duration/vhost
    } else if (outcome == ParsedLines.OVERSIZE) {
      return; // only the cut start of a line over the cap: counted as oversize by the replay
    } else if (outcome == ParsedLines.FALLBACK) {
      // Lines the byte parser hands to its String parser (odd bytes, over-long lines).
      LogRecord r = lines.record(i);
      time(r.epochSecond(), r.offsetSeconds());
      aggregator.add(r);
      latency.add(r, aggregator.now());
    } else {
      MalformedReason reason = lines.reason(i);
      aggregator.addMalformed(reason);
      if (malformedShown < config.showMalformed()) {
        quote(reason, source, firstLineNumber + i, lines.text(i)); // decoded only if quoted
      }
    }
  }

  /**
   * Lines counted so far (hits and malformed), updated after each batch; safe to call from any
   * thread (for progress and for measuring how soon an appended line is counted).
   */
  public long linesCounted() {
    return linesCounted;
  }

  private void quote(MalformedReason reason, String source, long lineNumber, String line) {
    malformedShown++;
    notes.accept(
        "malformed line "
            + source
            + ":"
            + lineNumber
            + " ("
            + reason.label()
            + "): "
            + Sanitizer.clip(line, 160)
            + (malformedShown == config.showMalformed()
                ? " [further malformed lines are counted, not shown]"
                : ""));
  }

  /** Moves time to a hit's second before it is counted (the same steps for every input path). */
  private void time(long s, int offsetSecs) {
    if (!aggregator.started()) {
      aggregator.startAt(s);
    } else if (s > aggregator.now()) {
      advance(s);
    }
    if (offsetSecs != offsetSeconds) {
      offsetSeconds = offsetSecs;
      offset = ZoneOffset.ofTotalSeconds(offsetSecs);
    }
    if (s > newestSecond) {
      newestSecond = s;
    }
  }

  /**
   * Follow mode: the wall clock says it is {@code wallSecond}; "now" becomes the later of that and
   * the newest log timestamp, so windows keep sliding through silence.
   */
  public void tick(long wallSecond) {
    if (!aggregator.started()) {
      aggregator.startAt(wallSecond);
    }
    if (!skewWarned
        && newestSecond != Long.MIN_VALUE
        && wallSecond - newestSecond > Math.max(config.windowSeconds(), 300)) {
      skewWarned = true;
      notes.accept(
          "note: the newest log timestamp is "
              + (wallSecond - newestSecond)
              + " s behind the wall clock (a backlog, or a skewed server clock); lines older than"
              + " the window count toward lifetime totals only (late)");
    }
    if (wallSecond > aggregator.now()) {
      advance(wallSecond);
    }
  }

  /**
   * Completes every second before {@code target}: evaluates the alert for each, reports at each
   * interval boundary, then makes {@code target} the current second.
   */
  private void advance(long target) {
    long c = aggregator.now();
    int span = aggregator.config().span();
    while (c < target) {
      if (config.replay()
          && !alerts.anyActive()
          && target - c > span
          && aggregator.quietFrom(c - span + 1)) {
        // A long silence in replay: every window ending from c on is empty, so nothing can be
        // raised and no report would be printed; jump to where the windows can hold data again.
        // Follow mode never jumps more than a
        // few seconds, and reports every interval even when quiet.
        c = target - span;
        continue;
      }
      completeSecond(c);
      c++;
    }
    aggregator.advanceTo(target);
  }

  private void completeSecond(long c) {
    Instant end = Instant.ofEpochSecond(c + 1);
    double windowRate =
        (double) aggregator.hitsBetween(c, config.windowSeconds()) / config.windowSeconds();
    Optional<AlertEvent> event =
        alerts.evaluate(end, offset, windowRate, aggregator.lifetimeRate(c));
    MonitorView view = null;
    if (event.isPresent()) {
      view = view(c);
      presenter.alert(event.get(), view);
    }
    if (alerts.latencyThresholdMicros() >= 0) {
      int w = config.windowSeconds();
      Optional<AlertEvent> slow =
          alerts.evaluateLatency(
              end,
              offset,
              latency.p95AboveThreshold(c, w),
              () -> latency.quantile(c, w, 0.95) / 1000.0);
      if (slow.isPresent()) {
        view = view(c);
        presenter.alert(slow.get(), view);
      }
    }
    if (Math.floorMod(c + 1, (long) config.intervalSeconds()) == 0
        && !(config.replay() && aggregator.hitsBetween(c, aggregator.config().span()) == 0)) {
      view = view != null ? view : view(c);
      presenter.report(view);
    }
    if (config.publishEverySecond()) {
      view = view != null ? view : view(c);
      presenter.tick(view);
    }
    if (view != null) {
      latest.set(view);
    }
  }

  /**
   * Ends the run: in replay the last second seen is completed first (it would have completed live);
   * then the summary is printed. Idempotent.
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (!aggregator.started()) {
      aggregator.startAt(0);
    }
    if (config.replay()) {
      advance(aggregator.now() + 1);
    }
    MonitorView v = view(aggregator.now() - 1);
    latest.set(v);
    presenter.summary(v);
  }

  /**
   * Live views only ({@link MonitorConfig#publishEverySecond()}): publishes a fresh view between
   * second boundaries, so that lines counted in the current second show in the lifetime totals of
   * {@link #latest()} at once; the windows still end with the last completed second. Follow mode
   * calls it after counting batches, at most every {@code FollowRun.PUBLISH_MILLIS}.
   */
  public void publish() {
    if (config.publishEverySecond() && aggregator.started()) {
      latest.set(view(aggregator.now() - 1));
    }
  }

  /** The last published view, or null before the first. Safe to call from any thread. */
  public MonitorView latest() {
    return latest.get();
  }

  /** The alert engine's history so far; pipeline thread only. */
  public List<AlertEvent> alertHistory() {
    return alerts.history();
  }

  private MonitorView view(long endSecond) {
    TrafficSnapshot t = aggregator.snapshot(endSecond, offset);
    return new MonitorView(
        t,
        alerts.state(),
        config.windowSeconds(),
        sources.get(),
        latency.snapshot(
            endSecond,
            aggregator.config().frameSeconds(),
            config.windowSeconds(),
            aggregator.config().topN()));
  }
}
