package dev.logmon.generate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of every shape's integral, which the live writer relies on to count lines. */
class ShapeProperties {
  /** 20 s calm, then 40 s spike and 60 s calm, repeating. */
  static final SpikeTiming TIMING = new SpikeTiming(20, 40, 60);

  @Property
  void linesByGrowsBetweenBaseAndPeakRate(
      @ForAll Shape shape,
      @ForAll @DoubleRange(min = 0, max = 1000) double from,
      @ForAll @DoubleRange(min = 0, max = 100) double span,
      @ForAll @DoubleRange(min = 0.1, max = 50) double base,
      @ForAll @DoubleRange(min = 0, max = 100) double extra) {
    double peak = base + extra;
    double grown =
        shape.linesBy(from + span, base, peak, TIMING) - shape.linesBy(from, base, peak, TIMING);
    double slack = 1e-6 * (1 + peak * (from + span));
    assertThat(grown).isBetween(base * span - slack, peak * span + slack);
  }
}
