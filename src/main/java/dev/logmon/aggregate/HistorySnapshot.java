package dev.logmon.aggregate;

import java.util.List;

/**
 * The whole-history view of a run, for reports and the web page's history panels: the traffic over
 * log time and the lifetime tables with more rows than the live views show.
 *
 * @param counts hits, errors and bytes over log time, and hits by status code
 * @param sections lifetime top sections (an {@code (other)} row collects those past the key cap)
 * @param clients lifetime top clients by bytes
 * @param methods lifetime hits by method
 * @param vhosts lifetime hits by virtual host (the {@code /metrics} labels), empty without vhosts
 */
public record HistorySnapshot(
    HistoryCounts counts,
    List<SectionStat> sections,
    List<HostStat> clients,
    List<Count> methods,
    List<Count> vhosts) {

  /** Rows of each lifetime table in a history snapshot. */
  public static final int ROWS = 100;

  public static final HistorySnapshot EMPTY =
      new HistorySnapshot(HistoryCounts.EMPTY, List.of(), List.of(), List.of(), List.of());

  public HistorySnapshot {
    java.util.Objects.requireNonNull(counts, "counts");
    sections = List.copyOf(sections);
    clients = List.copyOf(clients);
    methods = List.copyOf(methods);
    vhosts = List.copyOf(vhosts);
  }
}
