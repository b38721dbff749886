package dev.logmon.present;

import dev.logmon.alert.AlertEvent;

/**
 * Shows what the pipeline publishes. Called only from the pipeline thread, in time order (except
 * {@link #note}).
 *
 * <p>{@link #tick} is called about once a second for live views; line-oriented presenters ignore it
 * and print on {@link #report} (every interval), {@link #alert} (at once) and {@link #summary} (at
 * the end).
 */
public interface Presenter extends AutoCloseable {
  void report(MonitorView view);

  void alert(AlertEvent event, MonitorView view);

  void summary(MonitorView view);

  default void tick(MonitorView view) {}

  /**
   * Shows a note (a warning, a quoted malformed line); unlike the other methods it may be called
   * from any thread. Returns false when the caller should print it on stderr itself, as it should
   * for line presenters, whose output does not own the terminal.
   */
  default boolean note(String message) {
    return false;
  }

  /** Tells an interactive presenter how to end the run when the user quits; others ignore it. */
  default void onQuit(Runnable quit) {}

  /** Blocks until the user dismisses the final state; line presenters return at once. */
  default void awaitDismissal() throws InterruptedException {}

  @Override
  default void close() {}
}
