package dev.logmon.present;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.source.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-file counters in reports: every source in JSON, only sources with news in plain text. */
class PresenterSourcesTest {
  static final SourceView QUIET =
      SourceView.of(
          new SourceStatus("a.log", SourceStatus.State.FOLLOWING, 10, 900, 0, 0, 0, 0, null));
  static final SourceView BUSY =
      SourceView.of(
          new SourceStatus(
              "b.log",
              SourceStatus.State.ERROR,
              5,
              450,
              2,
              1,
              3,
              1,
              "cannot read b.log: is a directory"));

  static MonitorView view(List<SourceView> sources) {
    Aggregator aggregator = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    aggregator.startAt(100);
    aggregator.advanceTo(110);
    return new MonitorView(
        aggregator.snapshot(109, ZoneOffset.UTC),
        new AlertEngine(AlertRule.ABSOLUTE, 10).state(),
        120,
        sources,
        dev.logmon.aggregate.LatencySnapshot.EMPTY,
        dev.logmon.aggregate.BreakdownSnapshot.NONE,
        dev.logmon.aggregate.HistorySnapshot.EMPTY,
        false);
  }

  @Test
  void jsonReportsCarryEverySourceWithItsCounters() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonPresenter(out).report(view(List.of(QUIET, BUSY)));
    JsonNode sources = new ObjectMapper().readTree(out.toByteArray()).get("sources");
    assertThat(sources).hasSize(2);
    assertThat(sources.get(0).get("name").asText()).isEqualTo("a.log");
    JsonNode b = sources.get(1);
    assertThat(b.get("rotations").asLong()).isEqualTo(2);
    assertThat(b.get("truncations").asLong()).isEqualTo(1);
    assertThat(b.get("oversize_lines").asLong()).isEqualTo(3);
    assertThat(b.get("read_errors").asLong()).isEqualTo(1);
    assertThat(b.get("detail").asText()).contains("is a directory");
  }

  @Test
  void plainReportsShowOnlySourcesWithSomethingToTell() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PlainPresenter(new PrintStream(out, true, StandardCharsets.UTF_8))
        .report(view(List.of(QUIET, BUSY)));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("a.log");
    assertThat(text)
        .contains(
            "  source     b.log: error, 5 lines, "
                + Units.bytes(450)
                + ", rotations 2, truncations 1, oversize 3, read errors 1\n");
  }

  /** Network inputs: a partition's lag, a syslog receiver's drops and rejected frames by reason. */
  static final SourceView PARTITION =
      SourceView.of(
          new SourceStatus(
              "access-2",
              SourceStatus.State.FOLLOWING,
              7,
              70,
              0,
              0,
              0,
              0,
              null,
              0,
              1200,
              java.util.Map.of()));

  static final SourceView RECEIVER =
      SourceView.of(
          new SourceStatus(
              "syslog:127.0.0.1:5514",
              SourceStatus.State.FOLLOWING,
              0,
              0,
              0,
              0,
              0,
              0,
              "3 TCP connections",
              17,
              SourceStatus.NO_LAG,
              java.util.Map.of("no_priority", 2L, "frame_timeout", 1L)));

  @Test
  void networkInputsShowLagDropsAndRejectionsInJsonAndPlainText() throws Exception {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    new JsonPresenter(json).report(view(List.of(QUIET, PARTITION, RECEIVER)));
    JsonNode sources = new ObjectMapper().readTree(json.toByteArray()).get("sources");
    assertThat(sources.get(0).has("lag")).isFalse(); // a file has none of these fields
    assertThat(sources.get(0).has("rejected")).isFalse();
    assertThat(sources.get(1).get("lag").asLong()).isEqualTo(1200);
    assertThat(sources.get(2).get("dropped").asLong()).isEqualTo(17);
    assertThat(sources.get(2).get("rejected").get("no_priority").asLong()).isEqualTo(2);
    assertThat(sources.get(2).get("rejected").get("frame_timeout").asLong()).isEqualTo(1);

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    new PlainPresenter(new PrintStream(plain, true, StandardCharsets.UTF_8))
        .report(view(List.of(QUIET, PARTITION, RECEIVER)));
    String text = plain.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("  source     access-2: following, 7 lines, " + Units.bytes(70) + ", lag 1200\n");
    assertThat(text)
        .contains(
            "  source     syslog:127.0.0.1:5514: following, 0 lines, "
                + Units.bytes(0)
                + ", dropped 17, rejected 3 (frame_timeout 1, no_priority 2)\n");
  }

  @Test
  void thePlainSummaryShowsEverySource() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PlainPresenter(new PrintStream(out, true, StandardCharsets.UTF_8))
        .summary(view(List.of(QUIET, BUSY)));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("  source     a.log: following, 10 lines, " + Units.bytes(900) + "\n");
    assertThat(text).contains("  source     b.log: error, 5 lines");
  }

  /** The future counter shows in JSON (lifetime and per source), plain text and /metrics. */
  @Test
  void futureLinesAreCountedInEveryOutput() throws Exception {
    Aggregator aggregator = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    aggregator.startAt(100);
    aggregator.addFuture(
        new dev.logmon.parse.LogRecord(
            "192.0.2.1",
            "-",
            4_070_908_800L,
            0,
            "GET",
            "/f",
            "/f",
            false,
            200,
            10,
            null,
            null,
            null,
            dev.logmon.parse.LogRecord.NO_DURATION));
    aggregator.advanceTo(110);
    MonitorView v =
        new MonitorView(
            aggregator.snapshot(109, ZoneOffset.UTC),
            new AlertEngine(AlertRule.ABSOLUTE, 10).state(),
            120,
            List.of(QUIET.withFuture(1)),
            dev.logmon.aggregate.LatencySnapshot.EMPTY,
            dev.logmon.aggregate.BreakdownSnapshot.NONE,
            dev.logmon.aggregate.HistorySnapshot.EMPTY,
            false);

    ByteArrayOutputStream json = new ByteArrayOutputStream();
    new JsonPresenter(json).summary(v);
    JsonNode summary = new ObjectMapper().readTree(json.toByteArray());
    assertThat(summary.get("hits_total").asLong()).isEqualTo(1);
    assertThat(summary.get("future_total").asLong()).isEqualTo(1);
    assertThat(summary.get("rate_lifetime").asDouble()).isZero(); // it entered no window
    assertThat(summary.get("sources").get(0).get("future").asLong()).isEqualTo(1);

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    PlainPresenter p = new PlainPresenter(new PrintStream(plain, true, StandardCharsets.UTF_8));
    p.report(v);
    p.summary(v);
    String text = plain.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("lifetime: 1 hits, malformed 0, late 0, future 1\n");
    assertThat(text).contains("1 read: 1 hits, malformed 0, late 0, future 1, malformed requests");
    assertThat(text).contains("  source     a.log: following, 10 lines, 900 B, future 1\n");

    ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    new dev.logmon.present.web.MetricsEndpoint(() -> v).write(metrics);
    assertThat(metrics.toString(StandardCharsets.UTF_8))
        .contains("logmon_future_lines_total 1.0\n");
  }
}
