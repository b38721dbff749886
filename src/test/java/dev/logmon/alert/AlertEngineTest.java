package dev.logmon.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of the alert state machine: rows of (second, rates) to expected events. */
class AlertEngineTest {
  private static final ZoneOffset UTC = ZoneOffset.UTC;

  /**
   * Each row: threshold, rule, then a sequence of window rates (one per second, separated by
   * spaces) and the expected events as R@i (raised at second i) / C@i (recovered), or none.
   */
  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10 | absolute | 9 10 10 10          | exactly at the threshold never alerts        |
          10 | absolute | 9 10.01 11 12         | just above alerts once                      | R@1
          10 | absolute | 11 12 13 12 11        | stays high: still one alert                 | R@0
          10 | absolute | 11 10 9 8             | recovers at the threshold (<=)              | R@0 C@1
          10 | absolute | 11 9 11 9 11          | one event per crossing                      | R@0 C@1 R@2 C@3 R@4
          10 | absolute | 0 0 0                 | silence never alerts                        |
          0  | absolute | 0 0.01 0              | threshold 0: any traffic alerts             | R@1 C@2
          """)
  void absoluteRule(double threshold, String rule, String rates, String name, String expected) {
    assertThat(run(AlertRule.named(rule), threshold, rates, null))
        .isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest(name = "{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          5 | 10 10 16 20 | 10 10 10 10 | 5 above baseline alerts, exactly 5 does not  | R@2
          5 | 20 20 14 15 | 10 10 10 10 | recovers when the excess is back to 5        | R@0 C@2
          5 | 50 50 50 50 | 50 50 50 50 | high but steady traffic does not alert       |
          """)
  void relativeRule(
      double threshold, String rates, String lifetimes, String name, String expected) {
    assertThat(run(AlertRule.RELATIVE, threshold, rates, lifetimes))
        .isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void messagesHaveTheExactFormat() {
    AlertEngine e = new AlertEngine(AlertRule.ABSOLUTE, 10);
    Instant t = Instant.parse("2026-11-26T01:50:10Z");
    AlertEvent raised = e.evaluate(t, ZoneOffset.ofHours(1), 12.345, 0).orElseThrow();
    assertThat(raised.message())
        .isEqualTo(
            "High traffic generated an alert - hits = 12.35, triggered at 2026-11-26T02:50:10+01:00");
    AlertEvent recovered = e.evaluate(t.plusSeconds(5), UTC, 9.5, 0).orElseThrow();
    assertThat(recovered.message())
        .isEqualTo(
            "High traffic alert recovered - hits = 9.50, recovered at 2026-11-26T01:50:15+00:00");
    assertThat(e.history()).containsExactly(raised, recovered);
    assertThat(e.state().active()).isFalse();
  }

  @Test
  void unknownRuleNamesTheValidOnes() {
    assertThatThrownBy(() -> AlertRule.named("sideways"))
        .hasMessage("unknown alert rule 'sideways', expected one of: absolute, relative");
    assertThat(AlertRule.named("RELATIVE")).isEqualTo(AlertRule.RELATIVE);
  }

  @Test
  void negativeOrNanThresholdIsRejected() {
    assertThatThrownBy(() -> new AlertEngine(AlertRule.ABSOLUTE, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertEngine(AlertRule.ABSOLUTE, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String run(AlertRule rule, double threshold, String rates, String lifetimes) {
    AlertEngine engine = new AlertEngine(rule, threshold);
    String[] r = rates.trim().split("\\s+");
    String[] l = lifetimes == null ? null : lifetimes.trim().split("\\s+");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      double lifetime = l == null ? 0 : Double.parseDouble(l[i]);
      int second = i;
      engine
          .evaluate(Instant.ofEpochSecond(1_000 + i), UTC, Double.parseDouble(r[i]), lifetime)
          .ifPresent(e -> events.add((e instanceof AlertEvent.Raised ? "R@" : "C@") + second));
    }
    return String.join(" ", events);
  }
}
