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
    AlertEvent e =
        high
            ? new AlertEvent.Raised(windowRate, time, offset)
            : new AlertEvent.Recovered(windowRate, time, offset);
    history.addLast(e);
    if (history.size() > HISTORY_CAP) {
      history.removeFirst();
    }
    return Optional.of(e);
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
