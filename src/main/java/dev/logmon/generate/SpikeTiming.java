package dev.logmon.generate;

/**
 * The phase lengths of the {@link Shape#SPIKE} shape: a calm lead-in, then a repeating cycle of a
 * spike followed by a calm phase.
 *
 * <p>The defaults (20 s lead-in, 40 s spike, 60 s calm) suit a 30 s alert window: the spike is long
 * enough to fill the window, and the calm phase long enough for the window to drain and the alert
 * to recover before the next spike.
 *
 * @param leadInSeconds seconds at the base rate before the first spike, {@code >= 0}
 * @param spikeSeconds seconds at the peak rate in each cycle, {@code > 0}
 * @param calmSeconds seconds at the base rate after each spike, {@code >= 0}
 */
public record SpikeTiming(double leadInSeconds, double spikeSeconds, double calmSeconds) {

  public SpikeTiming {
    requireAtLeast("leadInSeconds", leadInSeconds, 0);
    requireAtLeast("spikeSeconds", spikeSeconds, Double.MIN_VALUE);
    requireAtLeast("calmSeconds", calmSeconds, 0);
  }

  /** Returns the length of one spike-plus-calm cycle in seconds. */
  public double cycleSeconds() {
    return spikeSeconds + calmSeconds;
  }

  private static void requireAtLeast(String name, double value, double min) {
    // The negated comparison also rejects NaN.
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " must be " + (min > 0 ? "> 0" : ">= 0") + " and finite, got " + value);
    }
  }
}
