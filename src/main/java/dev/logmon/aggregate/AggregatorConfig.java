package dev.logmon.aggregate;

/**
 * The window lengths and table sizes of an {@link Aggregator}.
 *
 * @param windowSeconds the alert window (2 minutes by default)
 * @param frameSeconds the short window shown as "last 10 s"
 * @param reportSeconds the report interval
 * @param topN rows kept in each top table
 */
public record AggregatorConfig(int windowSeconds, int frameSeconds, int reportSeconds, int topN) {

  public AggregatorConfig {
    if (windowSeconds < 1 || frameSeconds < 1 || reportSeconds < 1) {
      throw new IllegalArgumentException("window lengths must be at least 1 second");
    }
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1");
    }
  }

  /** The longest window: how many completed seconds the ring must keep. */
  public int span() {
    return Math.max(windowSeconds, Math.max(frameSeconds, reportSeconds));
  }
}
