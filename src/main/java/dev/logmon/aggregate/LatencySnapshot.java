package dev.logmon.aggregate;

import java.util.List;

/**
 * Request latency and virtual hosts over the 10-second frame and the alert window, as presenters
 * see them. Quantiles are estimates (KLL sketches; exact while a window holds at most 200 values).
 *
 * @param frame latency over the last 10 seconds
 * @param window latency over the alert window (2 minutes by default)
 * @param frameVhosts the busiest virtual hosts of the frame, by hits
 * @param windowVhosts the busiest virtual hosts of the window, by hits
 */
public record LatencySnapshot(
    Stats frame, Stats window, List<Count> frameVhosts, List<Count> windowVhosts) {

  /** The snapshot of a log without durations or virtual hosts. */
  public static final LatencySnapshot EMPTY =
      new LatencySnapshot(Stats.empty(10), Stats.empty(120), List.of(), List.of());

  public LatencySnapshot {
    frameVhosts = List.copyOf(frameVhosts);
    windowVhosts = List.copyOf(windowVhosts);
  }

  /** Whether any line so far carried a duration (so latency is worth showing). */
  public boolean hasLatency() {
    return window.count() > 0 || frame.count() > 0;
  }

  /**
   * Latency quantiles of one window, in microseconds ({@code -1} when it holds no duration).
   *
   * @param sections the sections with the most timed hits, with their quantiles
   * @param slowest the sections with the highest p95
   */
  public record Stats(
      int seconds,
      long count,
      long p50,
      long p95,
      long p99,
      List<SectionLatency> sections,
      List<SectionLatency> slowest) {
    public Stats {
      sections = List.copyOf(sections);
      slowest = List.copyOf(slowest);
    }

    static Stats empty(int seconds) {
      return new Stats(seconds, 0, -1, -1, -1, List.of(), List.of());
    }
  }

  /** One section's latency quantiles in microseconds. */
  public record SectionLatency(String section, long count, long p50, long p95, long p99) {}
}
