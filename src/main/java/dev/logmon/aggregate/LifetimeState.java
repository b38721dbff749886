package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import java.util.List;
import java.util.Map;

/**
 * What {@code --persist} keeps of a run so the next one continues its numbers: the lifetime totals,
 * the lifetime tables (each cut to its {@value #ROWS} biggest rows, the rest in an {@code (other)}
 * row) and the history over log time.
 *
 * @param statusClasses hits by status class number, 0 (other) to 5
 */
public record LifetimeState(
    long hits,
    long bytes,
    long late,
    long future,
    long malformedRequests,
    long firstSecond,
    List<Long> statusClasses,
    Map<MalformedReason, Long> malformed,
    List<SectionStat> sections,
    List<HostStat> clients,
    List<Count> methods,
    HistoryCounts history) {

  /** Rows kept of each lifetime table. */
  public static final int ROWS = 10_000;

  public LifetimeState {
    statusClasses = List.copyOf(statusClasses);
    if (statusClasses.size() != 6) {
      throw new IllegalArgumentException("six status classes expected");
    }
    malformed = Map.copyOf(malformed);
    sections = List.copyOf(sections);
    clients = List.copyOf(clients);
    methods = List.copyOf(methods);
    java.util.Objects.requireNonNull(history, "history");
  }
}
