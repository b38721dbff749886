package dev.logmon.present.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HistorySnapshot;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.present.MonitorView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's JSON carries the filtered lines by rule and every breakdown table, an estimated one
 * saying so with its error; without breakdowns it has none of their tables.
 */
class ReportJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MonitorView view(BreakdownSnapshot breakdowns) {
    Aggregator a = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    a.filterLabels(List.of("health", "robots"));
    a.addFiltered(0);
    a.addFiltered(0);
    a.addFiltered(1);
    a.startAt(1_700_000_000L);
    return new MonitorView(
        a.snapshot(1_700_000_000L, ZoneOffset.UTC),
        new AlertEngine(AlertRule.named("absolute"), 10).state(),
        120,
        List.of(),
        LatencySnapshot.EMPTY,
        breakdowns,
        a.history().withBreakdowns(breakdowns),
        true);
  }

  private static JsonNode report(BreakdownSnapshot breakdowns) throws Exception {
    return JSON.readTree(ReportJson.of(view(breakdowns), Instant.EPOCH));
  }

  @Test
  void filteredLinesByRule() throws Exception {
    JsonNode r = report(BreakdownSnapshot.NONE);
    assertThat(r.at("/totals/filtered").asLong()).isEqualTo(3);
    assertThat(r.at("/filtered/health").asLong()).isEqualTo(2);
    assertThat(r.at("/filtered/robots").asLong()).isEqualTo(1);
  }

  @Test
  void everyBreakdownIsATableAndAnEstimateSaysSo() throws Exception {
    BreakdownTable exact = new BreakdownTable(List.of(new Count("a", 3)), false, 0);
    BreakdownTable estimated = new BreakdownTable(List.of(new Count("/p", 40)), true, 7);
    JsonNode r =
        report(
            new BreakdownSnapshot(
                estimated, exact, exact, exact, exact, exact, BreakdownTable.EMPTY));
    List<String> ids = r.get("tables").findValuesAsText("id");
    assertThat(ids)
        .containsSubsequence(
            "paths", "not_found_paths", "server_error_paths", "agents", "referrers")
        .doesNotContain("vhost_sections"); // no vhost in the log: no table
    JsonNode paths = r.get("tables").get(ids.indexOf("paths"));
    assertThat(paths.get("estimated").asBoolean()).isTrue();
    assertThat(paths.get("max_error").asLong()).isEqualTo(7);
    assertThat(paths.at("/rows/0/0").asText()).isEqualTo("/p");
    assertThat(paths.at("/rows/0/1").asLong()).isEqualTo(40);
    assertThat(report(BreakdownSnapshot.NONE).get("tables").findValuesAsText("id"))
        .doesNotContain("paths", "agents", "referrers");
    assertThat(HistorySnapshot.EMPTY.breakdowns().counted()).isFalse();
  }
}
