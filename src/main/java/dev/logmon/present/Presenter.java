package dev.logmon.present;

import dev.logmon.alert.AlertEvent;

/**
 * Shows what the pipeline publishes. Called only from the pipeline thread, in time order.
 *
 * <p>{@link #tick} is called about once a second for live views; line-oriented presenters ignore
 * it and print on {@link #report} (every interval), {@link #alert} (at once) and {@link #summary}
 * (at the end).
 */
public interface Presenter extends AutoCloseable {
  void report(MonitorView view);

  void alert(AlertEvent event, MonitorView view);

  void summary(MonitorView view);

  default void tick(MonitorView view) {}

  @Override
  default void close() {}
}
