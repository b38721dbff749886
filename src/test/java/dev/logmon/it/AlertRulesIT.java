package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus rules (docs/prometheus-alert.rules.yml) are valid and behave as
 * docs/FLEET.md says, checked by promtool: two hosts under and over each threshold, a restart
 * catching up a backlog that raises nothing, the fleet's 5xx share and latency.
 */
class AlertRulesIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  private static PrometheusTools.Result promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(PrometheusTools.require(PrometheusTools.PROMTOOL).toString());
    command.addAll(List.of(args));
    return PrometheusTools.run(command, PROJECT, "", Duration.ofSeconds(60));
  }

  @Test
  void rulesAreValid() throws Exception {
    PrometheusTools.Result r = promtool("check", "rules", "docs/prometheus-alert.rules.yml");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("SUCCESS: 5 rules found");
  }

  @Test
  void ruleTestsPass() throws Exception {
    PrometheusTools.Result r =
        promtool("test", "rules", "src/test/resources/prometheus/alert-rules.test.yml");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("SUCCESS");
  }
}
