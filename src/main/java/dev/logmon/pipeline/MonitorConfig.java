package dev.logmon.pipeline;

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
 */
public record MonitorConfig(
    boolean replay,
    int intervalSeconds,
    int windowSeconds,
    int showMalformed,
    boolean publishEverySecond,
    long maxFutureSeconds) {

  /** The default of {@code --max-future}: 5 minutes, in seconds. */
  public static final long DEFAULT_MAX_FUTURE_SECONDS = 300;

  public MonitorConfig {
    if (maxFutureSeconds < 1) {
      throw new IllegalArgumentException("maxFutureSeconds must be at least 1");
    }
  }

  /** A configuration with the default {@code --max-future}. */
  public MonitorConfig(
      boolean replay,
      int intervalSeconds,
      int windowSeconds,
      int showMalformed,
      boolean publishEverySecond) {
    this(
        replay,
        intervalSeconds,
        windowSeconds,
        showMalformed,
        publishEverySecond,
        DEFAULT_MAX_FUTURE_SECONDS);
  }
}
