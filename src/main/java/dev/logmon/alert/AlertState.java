package dev.logmon.alert;

import java.util.List;

/**
 * An immutable picture of the alert engine for presenters.
 *
 * @param history every event so far, oldest first
 */
public record AlertState(
    boolean active, AlertRule rule, double threshold, List<AlertEvent> history) {
  public AlertState {
    history = List.copyOf(history);
  }
}
