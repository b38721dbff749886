package dev.logmon.cli;

import dev.logmon.alert.AlertEvent;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import java.util.function.Consumer;

/**
 * Watches the reports of a run with {@code --latency-threshold} and says once when traffic is
 * counted but no line carries a request duration: the latency alert then cannot fire, which a user
 * who asked for it should know rather than take the silence for good latency. Pipeline thread only.
 */
final class LatencyWithoutDurations implements Presenter {
  private final String threshold;
  private final Consumer<String> note;
  private boolean said;

  LatencyWithoutDurations(String threshold, Consumer<String> note) {
    this.threshold = threshold;
    this.note = note;
  }

  @Override
  public void report(MonitorView view) {
    check(view);
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {}

  @Override
  public void summary(MonitorView view) {
    check(view);
  }

  private void check(MonitorView view) {
    if (!said && view.traffic().window().hits() > 0 && !view.latency().hasLatency()) {
      said = true;
      note.accept(
          "warning: --latency-threshold "
              + threshold
              + " cannot fire: no line read so far carries a request duration (the log format"
              + " needs one: %D, %T, $request_time, a JSON duration; see --format)");
    }
  }
}
