package dev.logmon.generate;

import java.util.Objects;

/**
 * A complete rate plan: a {@link Shape} with its base rate, peak rate and spike timing.
 *
 * @param shape how the rate varies over time
 * @param baseRate lines per second outside spikes, {@code > 0}
 * @param peakRate lines per second during spikes, {@code > 0} (ignored by {@link Shape#FLAT})
 * @param timing phase lengths for {@link Shape#SPIKE}
 */
public record Schedule(Shape shape, double baseRate, double peakRate, SpikeTiming timing) {

  public Schedule {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(timing, "timing");
    requirePositive("baseRate", baseRate);
    requirePositive("peakRate", peakRate);
  }

  /** Returns the rate in lines per second at {@code elapsedSeconds} after the start. */
  public double rateAt(double elapsedSeconds) {
    return shape.rateAt(elapsedSeconds, baseRate, peakRate, timing);
  }

  /** Returns how many lines are due from the start to {@code elapsedSeconds}. */
  public double linesBy(double elapsedSeconds) {
    return shape.linesBy(elapsedSeconds, baseRate, peakRate, timing);
  }

  /**
   * Returns how far the rate at {@code elapsedSeconds} is from base (0) towards peak (1), which the
   * generator uses to make an overloaded server fail more often.
   */
  public double loadAt(double elapsedSeconds) {
    if (peakRate <= baseRate) {
      return 0;
    }
    double load = (rateAt(elapsedSeconds) - baseRate) / (peakRate - baseRate);
    return Math.max(0, Math.min(1, load));
  }

  private static void requirePositive(String name, double value) {
    // The negated comparison also rejects NaN.
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + value);
    }
  }
}
