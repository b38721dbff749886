package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code --persist} keeps of a run so the next one continues its numbers: the lifetime totals,
 * the lifetime tables (each cut to its {@value #ROWS} biggest rows, the rest in an {@code (other)}
 * row), the history over log time, the filtered lines by rule and the breakdowns.
 *
 * @param countedSeconds the seconds the lifetime rate has divided by so far, over every run: the
 *     next run adds its own, so the time logmon was down is not counted
 * @param statusClasses hits by status class number, 0 (other) to 5
 * @param filtered lines left out by filters, by rule label
 * @param vhosts hits by virtual host
 * @param breakdowns the breakdowns, {@link BreakdownState#NONE} when they were not counted
 */
public record LifetimeState(
    long hits,
    long bytes,
    long late,
    long future,
    long malformedRequests,
    long countedSeconds,
    List<Long> statusClasses,
    Map<MalformedReason, Long> malformed,
    List<SectionStat> sections,
    List<HostStat> clients,
    List<Count> methods,
    HistoryCounts history,
    List<Count> filtered,
    List<Count> vhosts,
    BreakdownState breakdowns) {

  /** Rows kept of each lifetime table. */
  public static final int ROWS = 10_000;

  public LifetimeState {
    statusClasses = List.copyOf(statusClasses);
    if (statusClasses.size() != 6) {
      throw new IllegalArgumentException("six status classes expected");
    }
    if (countedSeconds < 0) {
      throw new IllegalArgumentException("negative counted seconds");
    }
    malformed = Map.copyOf(malformed);
    sections = List.copyOf(sections);
    clients = List.copyOf(clients);
    methods = List.copyOf(methods);
    Objects.requireNonNull(history, "history");
    filtered = List.copyOf(filtered);
    vhosts = List.copyOf(vhosts);
    Objects.requireNonNull(breakdowns, "breakdowns");
  }

  /** This state with {@code b} as its breakdowns. */
  public LifetimeState withBreakdowns(BreakdownState b) {
    return new LifetimeState(
        hits,
        bytes,
        late,
        future,
        malformedRequests,
        countedSeconds,
        statusClasses,
        malformed,
        sections,
        clients,
        methods,
        history,
        filtered,
        vhosts,
        b);
  }
}
