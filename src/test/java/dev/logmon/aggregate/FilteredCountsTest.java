package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filtered lines continued after a {@code --persist} restart: a rule of both runs adds up, a rule
 * the new run no longer has keeps its count after the new rules, a new rule starts at its own.
 */
class FilteredCountsTest {
  @Test
  void aRestoredRunAddsUpByRuleLabel() {
    FilteredCounts now = new FilteredCounts(List.of("health", "static"));
    now.add(0);
    now.add(1);
    now.add(1);
    FilteredCounts both = now.plus(List.of(new Count("robots", 4), new Count("health", 10)));
    both.add(0);
    assertThat(both.snapshot())
        .containsExactly(new Count("health", 12), new Count("static", 2), new Count("robots", 4));
    assertThat(now.snapshot()).containsExactly(new Count("health", 1), new Count("static", 2));
  }
}
