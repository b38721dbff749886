package dev.logmon.pipeline;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.LatencyWindows;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
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
 * second at a time, evaluating the alert for every completed second and reporting at every
 * interval boundary.
 *
 * <p>Not thread-safe: one thread owns a monitor and everything in it; other threads read only
 * {@link #latest()}, the last published immutable view. The monitor never reads a clock: follow
 * mode passes the wall-clock second to {@link #tick(long)} (see docs/ARCHITECTURE.md).
 */
public final class Monitor {
  private final MonitorConfig config;
  private final LineParser parser;
  private final Aggregator aggregator;
  private final AlertEngine alerts;
  private final Presenter presenter;
  private final Consumer<String> notes;
  private final Supplier<List<SourceView>> sources;
  private final AtomicReference<MonitorView> latest = new AtomicReference<>();
  private final LatencyWindows latency;

  private ZoneOffset offset;
  private long newestSecond = Long.MIN_VALUE;
  private long malformedShown;
  private boolean skewWarned;
  private boolean finished;

  public Monitor(
      MonitorConfig config,
      LineParser parser,
      Aggregator aggregator,
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

  /** Follow mode: starts the clock at the wall-clock second logmon started. */
  public void startAt(long wallSecond) {
    aggregator.startAt(wallSecond);
  }

  /** Parses and counts a batch of lines, advancing time to the newest timestamp it holds. */
  public void accept(LineBatch batch) {
    long lineNumber = batch.firstLineNumber();
    LineParser sourceParser = parser.forSource(batch.source());
    for (String line : batch.lines()) {
      ParseResult result = sourceParser.parse(line);
      if (result instanceof ParseResult.Parsed p) {
        count(p.record());
      } else if (result instanceof ParseResult.Malformed m) {
        aggregator.addMalformed(m.reason());
        if (malformedShown < config.showMalformed()) {
          malformedShown++;
          notes.accept(
              "malformed line "
                  + batch.source()
                  + ":"
                  + lineNumber
                  + " ("
                  + m.reason().label()
                  + "): "
                  + Sanitizer.clip(line, 160)
                  + (malformedShown == config.showMalformed()
                      ? " [further malformed lines are counted, not shown]"
                      : ""));
        }
      }
      lineNumber++;
    }
  }

  private void count(LogRecord r) {
    long s = r.epochSecond();
    if (!aggregator.started()) {
      aggregator.startAt(s);
    } else if (s > aggregator.now()) {
      advance(s);
    }
    offset = ZoneOffset.ofTotalSeconds(r.offsetSeconds());
    if (s > newestSecond) {
      newestSecond = s;
    }
    aggregator.add(r);
    latency.add(r, aggregator.now());
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
        // raised and no report would be printed; jump to where the windows can hold data again. Follow mode never jumps more than a
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
              end, offset, latency.p95AboveThreshold(c, w), () -> latency.quantile(c, w, 0.95) / 1000.0);
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
   * Ends the run: in replay the last second seen is completed first (it would have completed
   * live); then the summary is printed. Idempotent.
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
