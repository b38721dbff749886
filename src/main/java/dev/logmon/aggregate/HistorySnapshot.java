package dev.logmon.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * The whole-history view of a run, for reports and the web page's history panels: the traffic over
 * log time and the lifetime tables with more rows than the live views show.
 *
 * @param counts hits, errors and bytes over log time, and hits by status code
 * @param sections lifetime top sections (an {@code (other)} row collects those past the key cap)
 * @param clients lifetime top clients by bytes
 * @param methods lifetime hits by method
 * @param vhosts lifetime hits by virtual host (the {@code /metrics} labels), empty without vhosts
 * @param breakdowns the breakdowns with {@link #ROWS} rows each, {@link BreakdownSnapshot#NONE}
 *     when they are not counted
 */
public record HistorySnapshot(
    HistoryCounts counts,
    List<SectionStat> sections,
    List<HostStat> clients,
    List<Count> methods,
    List<Count> vhosts,
    BreakdownSnapshot breakdowns) {

  /** Rows of each lifetime table in a history snapshot. */
  public static final int ROWS = 100;

  public static final HistorySnapshot EMPTY =
      new HistorySnapshot(
          HistoryCounts.EMPTY, List.of(), List.of(), List.of(), List.of(), BreakdownSnapshot.NONE);

  public HistorySnapshot {
    Objects.requireNonNull(counts, "counts");
    sections = List.copyOf(sections);
    clients = List.copyOf(clients);
    methods = List.copyOf(methods);
    vhosts = List.copyOf(vhosts);
    Objects.requireNonNull(breakdowns, "breakdowns");
  }

  /** This snapshot with {@code b} as its breakdowns. */
  public HistorySnapshot withBreakdowns(BreakdownSnapshot b) {
    return new HistorySnapshot(counts, sections, clients, methods, vhosts, b);
  }
}
