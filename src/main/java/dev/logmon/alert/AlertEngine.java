package dev.logmon.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The high-traffic alert state machine: one {@link AlertEvent.Raised} per upward crossing, one
 * {@link AlertEvent.Recovered} per downward crossing, and the history of both.
 *
 * <p>Not thread-safe: owned by the pipeline thread, which calls {@link #evaluate} once for every
 * completed second of log time, silent seconds included. It never reads a clock.
 */
public final class AlertEngine {
  /** The history keeps at most this many events (alerts are rare; this bounds a flapping log). */
  static final int HISTORY_CAP = 10_000;

  private final AlertRule rule;
  private final double threshold;
  private boolean active;
  private long latencyThresholdMicros = -1;
  private boolean latencyActive;
  private final Deque<AlertEvent> history = new ArrayDeque<>();

  public AlertEngine(AlertRule rule, double threshold) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number >= 0: " + threshold);
    }
    this.rule = rule;
    this.threshold = threshold;
  }

  /**
   * Evaluates the second that ended at {@code time}.
   *
   * @param windowRate average hits/s over the alert window ending at {@code time}
   * @param lifetimeRate average hits/s over the lifetime (used by {@link AlertRule#RELATIVE})
   * @return the event, when this second crossed the threshold
   */
  public Optional<AlertEvent> evaluate(
      Instant time, ZoneOffset offset, double windowRate, double lifetimeRate) {
    boolean high = rule.high(windowRate, lifetimeRate, threshold);
    if (high == active) {
      return Optional.empty();
    }
    active = high;
    return remember(
        high
            ? new AlertEvent.Raised(windowRate, time, offset)
            : new AlertEvent.Recovered(windowRate, time, offset));
  }

  /** Adds {@code e} to the history, which keeps the newest {@value #HISTORY_CAP}. */
  private Optional<AlertEvent> remember(AlertEvent e) {
    history.addLast(e);
    if (history.size() > HISTORY_CAP) {
      history.removeFirst();
    }
    return Optional.of(e);
  }

  /**
   * Adds the latency rule: an alert while the alert window's p95 request duration is above {@code
   * micros}; its events share this engine's history.
   */
  public AlertEngine withLatencyThreshold(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("latency threshold must be >= 0: " + micros);
    }
    latencyThresholdMicros = micros;
    return this;
  }

  /** The latency rule's threshold in microseconds, or -1 without one. */
  public long latencyThresholdMicros() {
    return latencyThresholdMicros;
  }

  /**
   * Evaluates the latency rule for the second that ended at {@code time}.
   *
   * @param high whether the window's p95 is above the latency threshold
   * @param p95Millis the p95 to report, asked for only at a crossing (it costs a sketch merge)
   */
  public Optional<AlertEvent> evaluateLatency(
      Instant time, ZoneOffset offset, boolean high, java.util.function.DoubleSupplier p95Millis) {
    if (latencyThresholdMicros < 0 || high == latencyActive) {
      return Optional.empty();
    }
    latencyActive = high;
    double v = p95Millis.getAsDouble();
    return remember(
        high
            ? new AlertEvent.LatencyRaised(v, time, offset)
            : new AlertEvent.LatencyRecovered(v, time, offset));
  }

  /** Whether the traffic or the latency alert is in force. */
  public boolean anyActive() {
    return active || latencyActive;
  }

  /** Whether an alert is in force (raised and not yet recovered). */
  public boolean active() {
    return active;
  }

  public AlertRule rule() {
    return rule;
  }

  public double threshold() {
    return threshold;
  }

  /** The current state, for presenters. */
  public AlertState state() {
    return new AlertState(active, rule, threshold, history());
  }

  /** Every event so far, oldest first (the newest {@value #HISTORY_CAP} when there were more). */
  public List<AlertEvent> history() {
    return List.copyOf(new ArrayList<>(history));
  }
}
