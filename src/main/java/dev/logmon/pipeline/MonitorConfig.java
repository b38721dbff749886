package dev.logmon.pipeline;

import dev.logmon.filter.FilterSet;
import java.util.Objects;

/**
 * How a {@link Monitor} runs.
 *
 * @param replay whether time is driven only by log timestamps (no wall clock)
 * @param intervalSeconds seconds between reports
 * @param windowSeconds the alert window
 * @param showMalformed how many malformed lines to quote on stderr before only counting them
 * @param publishEverySecond whether to build a snapshot for live views every second
 * @param maxFutureSeconds {@code --max-future}: how far ahead of the wall clock a line may be
 *     stamped before it counts as future (follow mode); in replay, with the span, how far ahead of
 *     the replay clock a line may move it without confirmation (see docs/ARCHITECTURE.md)
 * @param filters {@code --include}, {@code --exclude}, {@code --ignore-crawlers}: the hits they
 *     leave out are counted as filtered only
 * @param sectionDepth {@code --section-depth}: path segments that make a section, 1 to 16
 * @param breakdowns whether to count the breakdown tables (top paths, agents, referrers...)
 */
public record MonitorConfig(
    boolean replay,
    int intervalSeconds,
    int windowSeconds,
    int showMalformed,
    boolean publishEverySecond,
    long maxFutureSeconds,
    FilterSet filters,
    int sectionDepth,
    boolean breakdowns) {

  /** The default of {@code --max-future}: 5 minutes, in seconds. */
  public static final long DEFAULT_MAX_FUTURE_SECONDS = 300;

  public MonitorConfig {
    if (maxFutureSeconds < 1) {
      throw new IllegalArgumentException("maxFutureSeconds must be at least 1");
    }
    Objects.requireNonNull(filters, "filters");
    if (sectionDepth < 1 || sectionDepth > 16) {
      throw new IllegalArgumentException("sectionDepth must be 1 to 16");
    }
  }
}
