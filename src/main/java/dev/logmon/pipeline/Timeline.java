package dev.logmon.pipeline;

import dev.logmon.aggregate.LatencyWindows;
import dev.logmon.aggregate.TrafficCounter;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The monitor's walk through time: moving "now" from one second to a later one completes each
 * second in between (the alerts are evaluated on the windows ending with it, a report is printed at
 * each interval boundary), in order.
 *
 * <p>The work is bounded by the span, never by the length of a jump: once every window is empty and
 * no alert is active, the seconds left can neither raise nor report anything, and are skipped in
 * one step (in replay always; in follow mode for a jump longer than the span, when the wall clock
 * moved or logmon was paused, which prints one report and a note instead of one report per
 * interval). After {@link #requestStop()} no second is completed at all. Not thread-safe, except
 * {@link #requestStop()}: owned by the pipeline thread.
 */
final class Timeline {
  private final MonitorConfig config;
  private final TrafficCounter aggregator;
  private final AlertEngine alerts;
  private final LatencyWindows latency;
  private final Presenter presenter;
  private final Consumer<String> notes;
  private final LongFunction<MonitorView> views;
  private final Consumer<MonitorView> published;
  private ZoneOffset offset;
  private long secondsCompleted;
  private volatile boolean stopRequested;

  /**
   * @param views the view of the windows ending with a given second
   * @param published where a view built for a completed second is published
   */
  Timeline(
      MonitorConfig config,
      TrafficCounter aggregator,
      AlertEngine alerts,
      LatencyWindows latency,
      Presenter presenter,
      Consumer<String> notes,
      LongFunction<MonitorView> views,
      Consumer<MonitorView> published) {
    this.config = config;
    this.aggregator = aggregator;
    this.alerts = alerts;
    this.latency = latency;
    this.presenter = presenter;
    this.notes = notes;
    this.views = views;
    this.published = published;
  }

  /** The zone offset event times are printed in (the newest log line's). */
  void offset(ZoneOffset offset) {
    this.offset = offset;
  }

  /** Stops completing seconds, from the next one on. Safe to call from any thread. */
  void requestStop() {
    stopRequested = true;
  }

  /** Seconds completed one by one so far: the work time costs. */
  long secondsCompleted() {
    return secondsCompleted;
  }

  /**
   * Completes every second from the current one up to {@code target} (exclusive), then makes {@code
   * target} the current second.
   */
  void advance(long target) {
    long c = aggregator.now();
    int span = aggregator.config().span();
    boolean jump = target - c > span;
    boolean coalesce = jump && !config.replay();
    long from = c;
    while (c < target && !stopRequested) {
      if ((config.replay() || jump) && !alerts.anyActive() && aggregator.quietFrom(c - span + 1)) {
        break;
      }
      completeSecond(c, !coalesce);
      c++;
    }
    if (coalesce && !stopRequested) {
      reportJump(from, target);
    }
    aggregator.advanceTo(target);
  }

  /** The one report and note of a follow-mode jump from second {@code from} to {@code target}. */
  private void reportJump(long from, long target) {
    int interval = config.intervalSeconds();
    long lastBoundary = Math.floorDiv(target, (long) interval) * interval - 1;
    long boundaries = lastBoundary < from ? 0 : (lastBoundary - from) / interval + 1;
    MonitorView view = views.apply(boundaries > 0 ? lastBoundary : target - 1);
    if (boundaries > 0) {
      presenter.report(view);
    }
    if (boundaries > 1) {
      notes.accept(
          "note: time jumped "
              + (target - from)
              + " s (the wall clock moved, or logmon was paused); one report covers the "
              + boundaries
              + " intervals in it");
    }
    if (config.publishEverySecond()) {
      presenter.tick(view);
    }
    published.accept(view);
  }

  private void completeSecond(long c, boolean present) {
    secondsCompleted++;
    Instant end = Instant.ofEpochSecond(c + 1);
    double windowRate =
        (double) aggregator.hitsBetween(c, config.windowSeconds()) / config.windowSeconds();
    Optional<AlertEvent> event =
        alerts.evaluate(end, offset, windowRate, aggregator.lifetimeRate(c));
    MonitorView view = null;
    if (event.isPresent()) {
      view = views.apply(c);
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
        view = views.apply(c);
        presenter.alert(slow.get(), view);
      }
    }
    if (present
        && Math.floorMod(c + 1, (long) config.intervalSeconds()) == 0
        && !(config.replay() && aggregator.hitsBetween(c, aggregator.config().span()) == 0)) {
      view = view != null ? view : views.apply(c);
      presenter.report(view);
    }
    if (present && config.publishEverySecond()) {
      view = view != null ? view : views.apply(c);
      presenter.tick(view);
    }
    if (view != null) {
      published.accept(view);
    }
  }
}
