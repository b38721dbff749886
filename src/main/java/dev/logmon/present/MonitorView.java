package dev.logmon.present;

import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertState;
import java.util.List;
import java.util.Objects;

/**
 * Everything a presenter shows, as one immutable value: traffic, alert state and the sources.
 *
 * @param windowSeconds the alert window's length, for labels
 * @param sources one line per watched source, in the order given on the command line
 */
public record MonitorView(
    TrafficSnapshot traffic, AlertState alert, int windowSeconds, List<SourceView> sources) {
  public MonitorView {
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(alert, "alert");
    sources = List.copyOf(sources);
  }
}
