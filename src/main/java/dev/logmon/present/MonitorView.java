package dev.logmon.present;

import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertState;
import java.util.List;
import java.util.Objects;

/**
 * Everything a presenter shows, as one immutable value: traffic, alert state and the sources.
 *
 * @param windowSeconds the alert window's length, for labels
 * @param sources one line per watched source, in the order given on the command line
 * @param latency request latency and virtual hosts, {@link LatencySnapshot#EMPTY} without them
 * @param breakdowns top paths, 404 and 5xx paths, status codes, agents, referrers, sections per
 *     virtual host; {@link BreakdownSnapshot#NONE} when not counted
 */
public record MonitorView(
    TrafficSnapshot traffic,
    AlertState alert,
    int windowSeconds,
    List<SourceView> sources,
    LatencySnapshot latency,
    BreakdownSnapshot breakdowns) {
  public MonitorView {
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(breakdowns, "breakdowns");
    sources = List.copyOf(sources);
  }

  /** Whether the latency alert is in force: the newest latency event in the history raised it. */
  public boolean latencyAlertActive() {
    List<AlertEvent> h = alert.history();
    for (int i = h.size() - 1; i >= 0; i--) {
      AlertEvent e = h.get(i);
      if (e instanceof AlertEvent.LatencyRaised) {
        return true;
      }
      if (e instanceof AlertEvent.LatencyRecovered) {
        return false;
      }
    }
    return false;
  }

  /** A view without breakdowns. */
  public MonitorView(
      TrafficSnapshot traffic,
      AlertState alert,
      int windowSeconds,
      List<SourceView> sources,
      LatencySnapshot latency) {
    this(traffic, alert, windowSeconds, sources, latency, BreakdownSnapshot.NONE);
  }

  /** A view without latency or virtual hosts. */
  public MonitorView(
      TrafficSnapshot traffic, AlertState alert, int windowSeconds, List<SourceView> sources) {
    this(traffic, alert, windowSeconds, sources, LatencySnapshot.EMPTY, BreakdownSnapshot.NONE);
  }
}
