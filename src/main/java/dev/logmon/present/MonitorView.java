package dev.logmon.present;

import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.HistorySnapshot;
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
 * @param history the whole run over log time and the lifetime tables, {@link HistorySnapshot#EMPTY}
 *     unless a report or the web page asked for it
 * @param finished whether the run has ended (a replay read its last line): the final view
 */
public record MonitorView(
    TrafficSnapshot traffic,
    AlertState alert,
    int windowSeconds,
    List<SourceView> sources,
    LatencySnapshot latency,
    BreakdownSnapshot breakdowns,
    HistorySnapshot history,
    boolean finished) {
  public MonitorView {
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(breakdowns, "breakdowns");
    Objects.requireNonNull(history, "history");
    sources = List.copyOf(sources);
  }

  /** Whether the latency alert is in force: the newest latency event in the history raised it. */
  public boolean latencyAlertActive() {
    List<AlertEvent> h = alert.history();
    for (int i = h.size() - 1; i >= 0; i--) {
      AlertEvent e = h.get(i);
      if (e.latency()) {
        return e.raised();
      }
    }
    return false;
  }
}
