package dev.logmon.generate;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A named traffic shape: how the request rate varies with the time elapsed since the start.
 *
 * <p>Each shape gives both the instantaneous rate and its exact integral ({@link #linesBy}), so a
 * writer can emit "all lines due by now" without accumulating rounding error and fractional rates
 * (0.5 lines/s) work. Rates are in lines per second. Stateless and thread-safe.
 */
public enum Shape {
  /** The base rate, always. */
  FLAT("flat") {
    @Override
    public double rateAt(double elapsedSeconds, double baseRate, double peakRate, SpikeTiming t) {
      return baseRate;
    }

    @Override
    public double linesBy(double elapsedSeconds, double baseRate, double peakRate, SpikeTiming t) {
      return baseRate * Math.max(0, elapsedSeconds);
    }
  },

  /** The base rate for a lead-in, then cycles of the peak rate followed by the base rate. */
  SPIKE("spike") {
    @Override
    public double rateAt(double elapsedSeconds, double baseRate, double peakRate, SpikeTiming t) {
      double intoCycle = elapsedSeconds - t.leadInSeconds();
      if (intoCycle < 0) {
        return baseRate;
      }
      return intoCycle % t.cycleSeconds() < t.spikeSeconds() ? peakRate : baseRate;
    }

    @Override
    public double linesBy(double elapsedSeconds, double baseRate, double peakRate, SpikeTiming t) {
      double elapsed = Math.max(0, elapsedSeconds);
      double leadIn = Math.min(elapsed, t.leadInSeconds());
      double intoCycles = elapsed - leadIn;
      double cycles = Math.floor(intoCycles / t.cycleSeconds());
      double intoCycle = intoCycles - cycles * t.cycleSeconds();
      double spiking = Math.min(intoCycle, t.spikeSeconds());
      return baseRate * leadIn
          + cycles * (peakRate * t.spikeSeconds() + baseRate * t.calmSeconds())
          + peakRate * spiking
          + baseRate * (intoCycle - spiking);
    }
  };

  private final String label;

  Shape(String label) {
    this.label = label;
  }

  /** Returns the shape called {@code name} (case-insensitive), as typed on the command line. */
  public static Shape named(String name) {
    for (Shape shape : values()) {
      if (shape.label.equalsIgnoreCase(name.strip())) {
        return shape;
      }
    }
    throw new IllegalArgumentException(
        "unknown shape '" + name + "'; valid shapes: " + validNames());
  }

  /** Returns the valid names, comma-separated, for help and error messages. */
  public static String validNames() {
    return Arrays.stream(values()).map(Shape::label).collect(Collectors.joining(", "));
  }

  /** Returns the name used on the command line. */
  public String label() {
    return label;
  }

  /** Returns the rate, in lines per second, at {@code elapsedSeconds} after the start. */
  public abstract double rateAt(
      double elapsedSeconds, double baseRate, double peakRate, SpikeTiming timing);

  /**
   * Returns the number of lines due from the start to {@code elapsedSeconds}: the integral of
   * {@link #rateAt} over {@code [0, elapsedSeconds]}, so it never decreases.
   */
  public abstract double linesBy(
      double elapsedSeconds, double baseRate, double peakRate, SpikeTiming timing);

  @Override
  public String toString() {
    return label;
  }
}
