package dev.logmon.aggregate;

import java.util.List;

/**
 * The traffic of a window of whole seconds of log time, {@code [fromSecond, toSecond]}.
 *
 * @param rate hits divided by the window's length in seconds (empty seconds count)
 * @param hitsPerSecond hits of each second of the window, oldest first
 * @param uniqueClients distinct client addresses (exact)
 * @param malformedRequests hits whose request line was not {@code METHOD TARGET PROTOCOL}
 */
public record WindowStats(
    long fromSecond,
    long toSecond,
    long hits,
    double rate,
    long bytes,
    StatusClasses statusClasses,
    List<SectionStat> topSections,
    List<HostStat> topHosts,
    List<Count> methods,
    List<Count> topStatuses,
    long uniqueClients,
    long malformedRequests,
    List<Long> hitsPerSecond) {

  public WindowStats {
    topSections = List.copyOf(topSections);
    topHosts = List.copyOf(topHosts);
    methods = List.copyOf(methods);
    topStatuses = List.copyOf(topStatuses);
    hitsPerSecond = List.copyOf(hitsPerSecond);
  }

  /** The window's length in seconds. */
  public int seconds() {
    return (int) (toSecond - fromSecond + 1);
  }
}
