package dev.logmon.pipeline;

import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.Breakdowns;
import dev.logmon.aggregate.HistorySnapshot;
import dev.logmon.aggregate.LatencyWindows;
import dev.logmon.aggregate.LifetimeState;
import dev.logmon.aggregate.RunSums;
import dev.logmon.aggregate.TrafficCounter;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertEngine;
import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.pipeline.ReplayClock.Held;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.present.SourceView;
import dev.logmon.source.LineBatch;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The pipeline's single consumer: counts parsed chunks (a replay's, or a followed source's batches,
 * which it parses itself with the same {@link ChunkParser}), places each hit in time (the clock
 * rules of {@link FollowClock} and {@link ReplayClock}), feeds the aggregator, and moves time
 * forward through its {@link Timeline}, which evaluates the alert for every completed second and
 * reports at every interval boundary, at a cost bounded by the span however far time jumps. After
 * {@link #requestStop()} no second is completed any more, so the summary follows at once whatever
 * the input.
 *
 * <p>Not thread-safe: one thread owns a monitor and everything in it; other threads read only
 * {@link #latest()}, {@link #linesCounted()} and call {@link #requestStop()}. The monitor never
 * reads a clock: follow mode passes the wall-clock second to {@link #tick(long)} (see
 * docs/ARCHITECTURE.md).
 */
public final class Monitor {
  private final MonitorConfig config;
  private final RowParser parser;
  // Follow mode's batches: each source's parser (W3C and auto learn per source), and their rows.
  private final Map<String, ChunkParser> batchParsers = new HashMap<>();
  private final ParsedLines batchRows = new ParsedLines();
  private final ChunkIntake batchIntake;
  private final Breakdowns breakdowns; // null without breakdowns
  private final TrafficCounter aggregator;
  private final AlertEngine alerts;
  private final Presenter presenter;
  private final Consumer<String> notes;
  private final Supplier<List<SourceView>> sources;
  private final AtomicReference<MonitorView> latest = new AtomicReference<>();
  private final LatencyWindows latency;
  private final LineNotes lineNotes;
  private final ReplayClock replayClock; // replay only
  private final FollowClock followClock; // follow mode only
  private final Map<String, Long> futureBySource = new HashMap<>();
  private final Timeline timeline;

  private ZoneOffset offset;
  private int offsetSeconds = Integer.MIN_VALUE;
  private boolean finished;
  private boolean historyAtEnd;
  private boolean historyEveryView;
  // Live views between second boundaries reuse their second's history: it is the costliest part.
  private HistorySnapshot history = HistorySnapshot.EMPTY;
  private long historySecond = Long.MIN_VALUE;
  private long emptyRunSecond;
  // Written once per batch by the pipeline thread: a cheap progress signal other threads may read.
  private volatile long linesCounted;
  private long counted; // the pipeline thread's own count, published to linesCounted

  public Monitor(
      MonitorConfig config,
      RowParser parser,
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
    this.batchIntake = newIntake();
    aggregator.filterLabels(config.filters().labels());
    this.breakdowns = config.breakdowns() ? new Breakdowns() : null;
    int span = aggregator.config().span();
    this.latency = new LatencyWindows(span, alerts.latencyThresholdMicros());
    this.lineNotes = new LineNotes(notes, config.showMalformed());
    long maxFuture = config.maxFutureSeconds();
    this.replayClock =
        config.replay() ? new ReplayClock(Math.min(maxFuture, span), new ClockSink()) : null;
    this.followClock =
        config.replay()
            ? null
            : new FollowClock(
                maxFuture,
                Math.min(maxFuture, span / 2),
                Math.max(config.windowSeconds(), 300),
                notes);
    this.timeline =
        new Timeline(
            config, aggregator, alerts, latency, presenter, notes, this::view, latest::set);
    timeline.offset(defaultOffset);
  }

  /**
   * Puts the whole run's history in the final view, and in every view when {@code everyView} (a
   * live web page or a report written during a follow run). Call before the run.
   */
  public void showHistory(boolean everyView) {
    historyAtEnd = true;
    historyEveryView = everyView;
  }

  /** The lifetime numbers and breakdowns {@code --persist} saves; pipeline thread only. */
  public LifetimeState lifetimeState() {
    LifetimeState s = aggregator.lifetimeState();
    return breakdowns == null ? s : s.withBreakdowns(breakdowns.state());
  }

  /**
   * Continues a previous run's lifetime numbers and breakdowns ({@code --persist}); call before the
   * run. Breakdowns saved by a run that counted them are dropped when this one does not.
   */
  public void restore(LifetimeState saved) {
    aggregator.restore(saved);
    if (breakdowns != null) {
      breakdowns.restore(saved.breakdowns());
    }
  }

  /** Passes a note (a file that could not be read to its end, say) to where notes go. */
  public void note(String message) {
    notes.accept(message);
  }

  /**
   * Replay: the second a run in which no line had a timestamp (an empty log) is summarised at,
   * rather than the epoch; logmon passes the wall clock's. Call before the run.
   */
  public void summariseEmptyRunAt(long wallSecond) {
    emptyRunSecond = wallSecond;
  }

  /** Follow mode: starts the clock at the wall-clock second logmon started. */
  public void startAt(long wallSecond) {
    if (followClock != null) {
      followClock.wall(wallSecond);
    }
    aggregator.startAt(wallSecond);
  }

  /**
   * Asks the monitor to stop completing seconds: lines still handed over are counted (a constant
   * cost each), then {@link #finish()} prints the summary at once. Safe to call from any thread.
   */
  public void requestStop() {
    timeline.requestStop();
  }

  /**
   * The parser of {@code source}'s lines: one per source, for the formats that learn from a file's
   * own lines; pipeline thread (a replay hands it to its parse threads when it is parallel).
   */
  RowParser parserFor(String source) {
    return batchParser(source).rows();
  }

  /** A chunk parser of {@code source}'s lines for a replay, with the run's section depth. */
  ChunkParser chunkParserFor(String source, int maxLineBytes) {
    return new ChunkParser(maxLineBytes, parserFor(source), config.sectionDepth());
  }

  /**
   * A new intake for chunks parsed on one thread (or replay slot): the run's filters and
   * breakdowns.
   */
  ChunkIntake newIntake() {
    return new ChunkIntake(config.filters(), config.breakdowns());
  }

  private ChunkParser batchParser(String source) {
    // Batches hold lines the source already cut to the cap and marked: no cap here.
    return batchParsers.computeIfAbsent(
        source,
        s -> new ChunkParser(Integer.MAX_VALUE - 16, parser.forSource(s), config.sectionDepth()));
  }

  /** Parses and counts a batch of lines, advancing time to the newest timestamp it holds. */
  public void accept(LineBatch batch) {
    batchParser(batch.source())
        .parse(batch.bytes(), 0, batch.length(), true, batchRows, batch.cut());
    if (batch.vhost() != null) {
      batchRows.defaultVhost(batch.vhost()); // a syslog host is the vhost of a format without one
    }
    batchIntake.prepare(batchRows);
    accept(batchRows, batchIntake, batch.source(), batch.firstLineNumber());
  }

  /** Counts a chunk of parsed lines that {@code intake} prepared (see below). */
  void accept(ParsedLines lines, ChunkIntake intake, String source, long firstLineNumber) {
    accept(lines, intake.runs(), source, firstLineNumber);
    if (breakdowns != null) {
      breakdowns.add(lines, intake.tally());
    }
  }

  /**
   * Counts a chunk of parsed lines, in order: grouped runs of one second at a time, any other line
   * (malformed, a record) on its own.
   *
   * @param firstLineNumber the 1-based number of the chunk's first line in {@code source}
   */
  public void accept(ParsedLines lines, RunSums runs, String source, long firstLineNumber) {
    if (runs.rows() != lines.size()) {
      throw new IllegalStateException("a chunk's rows were not grouped into runs");
    }
    // A method call per run, not one loop over the chunk: the JIT compiles a callee after a few
    // hundred runs, a loop in a method called once per chunk only by on-stack replacement.
    for (int r = 0, n = runs.count(); r < n; r++) {
      if (runs.grouped(r)) {
        acceptRun(lines, runs, r, source, firstLineNumber);
      } else {
        acceptRow(lines, runs.from(r), source, firstLineNumber);
      }
    }
    counted += lines.size();
    linesCounted = counted;
  }

  /**
   * Counts grouped run {@code r}: its hits share one second and offset, so time moves (at most)
   * once, before the first of them, exactly as when they are counted one by one. A run the clock
   * rules do not let through at once (held, or future) goes row by row.
   */
  private void acceptRun(
      ParsedLines lines, RunSums runs, int r, String source, long firstLineNumber) {
    int from = runs.from(r);
    int end = runs.to(r);
    long at = place(source, lines.second(from));
    if (at == FollowClock.FUTURE) {
      for (int i = from; i < end; i++) {
        if (lines.outcome(i) == ParsedLines.OK) {
          held(new Held(lines.toRecord(i), source, firstLineNumber + i, lines.text(i)));
        } else {
          aggregator.addFiltered(lines.filterRule(i));
        }
      }
      return;
    }
    time(at, lines.offsetSeconds(from));
    aggregator.addRun(lines, runs, r, at);
    if (runs.filteredRows(r) > 0) {
      // Filtered lines of the run's second: counted as filtered, in the run's time.
      for (int i = from; i < end; i++) {
        if (lines.outcome(i) == ParsedLines.FILTERED) {
          aggregator.addFiltered(lines.filterRule(i));
        }
      }
    }
    if (runs.latency(r)) {
      long now = aggregator.now();
      for (int i = from; i < end; i++) {
        if (lines.outcome(i) == ParsedLines.OK) {
          latency.add(lines, i, at, now);
        }
      }
    }
  }

  /** Counts row {@code i}, a line that is not part of a run (malformed, or a record). */
  private void acceptRow(ParsedLines lines, int i, String source, long firstLineNumber) {
    byte outcome = lines.outcome(i);
    if (outcome == ParsedLines.OK) {
      long at = place(source, lines.second(i));
      if (at == FollowClock.FUTURE) {
        held(new Held(lines.toRecord(i), source, firstLineNumber + i, lines.text(i)));
      } else {
        time(at, lines.offsetSeconds(i));
        aggregator.add(lines, i, at);
        latency.add(lines, i, at, aggregator.now()); // at once for rows with no duration/vhost
      }
    } else if (outcome == ParsedLines.OVERSIZE) {
      return; // only the cut start of a line over the cap: its source counts it as oversize
    } else if (outcome == ParsedLines.FILTERED) {
      // Its time still moves the clock when the clock takes it at once (a quiet stretch of health
      // checks lets an alert recover), but it adds to nothing but filtered_total.
      long at = place(source, lines.second(i));
      if (at != FollowClock.FUTURE) {
        time(at, lines.offsetSeconds(i));
      }
      aggregator.addFiltered(lines.filterRule(i));
    } else if (outcome == ParsedLines.RECORD) {
      // A hit of a format read as text, or with non-ASCII keys.
      LogRecord r = lines.record(i);
      long at = place(source, r.epochSecond());
      if (at == FollowClock.FUTURE) {
        held(new Held(r, source, firstLineNumber + i, lines.text(i)));
      } else {
        count(r, at);
      }
    } else {
      MalformedReason reason = lines.reason(i);
      aggregator.addMalformed(reason);
      if (lineNotes.quotesMalformed()) {
        lineNotes.malformed(reason, source, firstLineNumber + i, lines.text(i));
      }
    }
  }

  /**
   * Where a hit stamped {@code second} is counted now, or {@link FollowClock#FUTURE} when it is not
   * counted at once: future in follow mode, held (or future) in replay, see {@link #held}.
   */
  private long place(String source, long second) {
    if (replayClock != null) {
      return replayClock.pass(second) ? second : FollowClock.FUTURE;
    }
    return followClock.place(source, second);
  }

  /** A hit that {@link #place} did not let through: replay decides later, follow mode now. */
  private void held(Held h) {
    if (replayClock != null) {
      replayClock.offer(h);
    } else {
      future(h, "the wall clock");
    }
  }

  private void count(LogRecord r, long at) {
    time(at, r.offsetSeconds());
    aggregator.add(r, at);
    latency.add(r, at, aggregator.now());
  }

  private void future(Held h, String reference) {
    LogRecord r = h.record();
    aggregator.addFuture(r);
    futureBySource.merge(h.source(), 1L, Long::sum);
    long ahead = r.epochSecond() - aggregator.now();
    lineNotes.future(
        h.source(), h.lineNumber(), h.text(), r.epochSecond(), r.offsetSeconds(), ahead, reference);
  }

  /** Replay's decisions on held hits. */
  private final class ClockSink implements ReplayClock.Sink {
    @Override
    public void start(long second) {
      aggregator.startAt(second);
    }

    @Override
    public void accept(Held h) {
      count(h.record(), h.second());
    }

    @Override
    public void future(Held h) {
      Monitor.this.future(h, "the log around it");
    }
  }

  /**
   * Lines counted so far (hits and malformed), updated after each batch; safe to call from any
   * thread (for progress and for measuring how soon an appended line is counted).
   */
  public long linesCounted() {
    return linesCounted;
  }

  /** Seconds completed one by one so far: the work time costs (for tests; pipeline thread). */
  long secondsCompleted() {
    return timeline.secondsCompleted();
  }

  /** Moves time to a hit's second before it is counted (the same steps for every input path). */
  private void time(long s, int offsetSecs) {
    if (!aggregator.started()) {
      aggregator.startAt(s);
    } else if (s > aggregator.now()) {
      timeline.advance(s);
    }
    if (offsetSecs != offsetSeconds) {
      offsetSeconds = offsetSecs;
      offset = ZoneOffset.ofTotalSeconds(offsetSecs);
      timeline.offset(offset);
    }
  }

  /**
   * Follow mode: the wall clock says it is {@code wallSecond}; "now" becomes the later of that and
   * the newest log timestamp (at most a second ahead of it), so windows keep sliding through
   * silence.
   */
  public void tick(long wallSecond) {
    if (followClock != null) {
      followClock.wall(wallSecond);
    }
    if (!aggregator.started()) {
      aggregator.startAt(wallSecond);
    }
    if (wallSecond > aggregator.now()) {
      timeline.advance(wallSecond);
    }
  }

  /**
   * Ends the run: in replay the hits still held are decided and the last second seen is completed
   * (it would have completed live); then the summary is printed. Idempotent.
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (replayClock != null) {
      replayClock.finish();
    }
    if (!aggregator.started()) {
      aggregator.startAt(emptyRunSecond);
    }
    if (config.replay()) {
      timeline.advance(aggregator.now() + 1);
    }
    MonitorView v = view(aggregator.now() - 1, true);
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

  private MonitorView view(long endSecond) {
    return view(endSecond, false);
  }

  private MonitorView view(long endSecond, boolean last) {
    TrafficSnapshot t = aggregator.snapshot(endSecond, offset);
    boolean history = historyEveryView || (last && historyAtEnd);
    return new MonitorView(
        t,
        alerts.state(),
        config.windowSeconds(),
        sourceViews(),
        latency.snapshot(
            endSecond,
            aggregator.config().frameSeconds(),
            config.windowSeconds(),
            aggregator.config().topN()),
        breakdowns == null
            ? BreakdownSnapshot.NONE
            : breakdowns.snapshot(aggregator.config().topN()),
        history ? history(endSecond, last) : HistorySnapshot.EMPTY,
        last);
  }

  private HistorySnapshot history(long endSecond, boolean last) {
    if (last || endSecond != historySecond) {
      history =
          breakdowns == null
              ? aggregator.history()
              : aggregator.history().withBreakdowns(breakdowns.snapshot(HistorySnapshot.ROWS));
      historySecond = endSecond;
    }
    return history;
  }

  /** The run's sources, each with the future lines counted from it. */
  private List<SourceView> sourceViews() {
    List<SourceView> all = sources.get();
    if (futureBySource.isEmpty()) {
      return all;
    }
    List<SourceView> out = new ArrayList<>(all.size());
    for (SourceView s : all) {
      out.add(s.withFuture(futureBySource.getOrDefault(s.status().name(), 0L)));
    }
    return out;
  }
}
