package dev.logmon.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeTest {
  /** 20 s calm, then 40 s spike and 60 s calm, repeating. */
  static final SpikeTiming TIMING = new SpikeTiming(20, 40, 60);

  /** Rows of (elapsed seconds, expected rate) for SPIKE with base 5, peak 30, default timing. */
  @ParameterizedTest
  @CsvSource({
    "0, 5",
    "19.9, 5",
    "20, 30",
    "59.9, 30",
    "60, 5",
    "119.9, 5",
    "120, 30",
    "159.9, 30",
    "160, 5",
    "220, 30"
  })
  void spikeFollowsDefaultPhases(double elapsed, double expected) {
    assertThat(Shape.SPIKE.rateAt(elapsed, 5, 30, TIMING)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "20, 100", "60, 1300", "120, 1600", "160, 2800", "220, 3100", "40, 700"})
  void spikeIntegralIsExact(double elapsed, double expected) {
    assertThat(Shape.SPIKE.linesBy(elapsed, 5, 30, TIMING)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void spikeHonoursCustomTiming() {
    SpikeTiming timing = new SpikeTiming(10, 20, 30);
    assertThat(Shape.SPIKE.rateAt(9, 1, 9, timing)).isEqualTo(1);
    assertThat(Shape.SPIKE.rateAt(10, 1, 9, timing)).isEqualTo(9);
    assertThat(Shape.SPIKE.rateAt(30, 1, 9, timing)).isEqualTo(1);
    assertThat(Shape.SPIKE.rateAt(60, 1, 9, timing)).isEqualTo(9);
    assertThat(Shape.SPIKE.linesBy(60, 1, 9, timing)).isCloseTo(10 + 180 + 30, within(1e-9));
  }

  @Test
  void flatIgnoresPeak() {
    assertThat(Shape.FLAT.rateAt(30, 2.5, 100, TIMING)).isEqualTo(2.5);
    assertThat(Shape.FLAT.linesBy(10, 2.5, 100, TIMING)).isEqualTo(25);
  }

  @Test
  void namedIsCaseInsensitiveAndListsValidNamesOnError() {
    assertThat(Shape.named("Spike")).isEqualTo(Shape.SPIKE);
    assertThat(Shape.named("flat")).isEqualTo(Shape.FLAT);
    assertThatThrownBy(() -> Shape.named("wave"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'wave'")
        .hasMessageContaining("flat, spike");
  }

  @Test
  void timingRejectsNonsense() {
    assertThatThrownBy(() -> new SpikeTiming(20, 0, 60)).hasMessageContaining("spikeSeconds");
    assertThatThrownBy(() -> new SpikeTiming(-1, 40, 60)).hasMessageContaining("leadInSeconds");
    assertThatThrownBy(() -> new SpikeTiming(20, 40, Double.NaN))
        .hasMessageContaining("calmSeconds");
  }

  @Test
  void scheduleLoadIsOneDuringSpikeOnly() {
    Schedule schedule = new Schedule(Shape.SPIKE, 5, 30, TIMING);
    assertThat(schedule.loadAt(10)).isZero();
    assertThat(schedule.loadAt(30)).isEqualTo(1);
    assertThat(new Schedule(Shape.FLAT, 5, 30, TIMING).loadAt(30)).isZero();
    assertThatThrownBy(() -> new Schedule(Shape.FLAT, 0, 30, TIMING))
        .hasMessageContaining("baseRate");
  }
}
