package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.ReferenceAggregator;
import dev.logmon.aggregate.RequestCounts;
import dev.logmon.aggregate.TrafficCounter;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.ClfParser;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.TextRows;
import dev.logmon.present.JsonPresenter;
import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replay (chunks parsed in parallel from bytes, counted in runs by id with incremental windows)
 * prints exactly what a plain reference prints: every line read as text by the oracle {@link
 * ClfParser}, handed over in follow mode's batches and counted one by one by {@link
 * ReferenceAggregator}, the aggregator as it was before. Reports, alerts, recoveries, the summary
 * and the quoted malformed lines are compared as text. Slow: run by {@code mvn verify}.
 */
@Tag("slow")
class FastPathEquivalenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** How a run is configured: windows, table size, alert rule, line cap, lifetime cap. */
  record Setup(
      int window, int interval, int top, double threshold, AlertRule rule, int maxLine, int cap) {}

  static final Setup DEFAULTS = new Setup(120, 10, 5, 10, AlertRule.ABSOLUTE, 65_536, 100_000);
  static final Setup SHORT = new Setup(10, 5, 3, 2, AlertRule.ABSOLUTE, 256, 100_000);
  static final Setup RELATIVE = new Setup(30, 7, 1000, 1, AlertRule.RELATIVE, 300, 40);

  static Stream<Arguments> resources() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/logs"))) {
      List<Path> logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
      List<Arguments> out = new ArrayList<>();
      for (Path p : logs) {
        for (Setup s : List.of(DEFAULTS, SHORT, RELATIVE)) {
          out.add(Arguments.of(p, s));
        }
      }
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("resources")
  void resourceLogs(Path log, Setup setup) throws IOException {
    assertSameOutput(log, setup);
  }

  /** The corpus of real and synthetic logs (see logs/corpus/NOTICE.md), each a few hundred KB. */
  static Stream<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/logs/corpus"))) {
      List<Path> logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
      assertThat(logs).isNotEmpty();
      return logs.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void corpusLogs(Path log) throws IOException {
    assertSameOutput(log, DEFAULTS);
  }

  static Stream<Arguments> generated() {
    return Stream.of(
        Arguments.of(1L, DEFAULTS, 20_000, 40.0),
        Arguments.of(2L, SHORT, 8_000, 3.0),
        Arguments.of(3L, RELATIVE, 8_000, 5.0),
        Arguments.of(4L, SHORT, 5_000, 500.0),
        Arguments.of(5L, DEFAULTS, 3_000, 0.05));
  }

  @ParameterizedTest
  @MethodSource("generated")
  void generatedOddLogs(long seed, Setup setup, int lines, double rate) throws IOException {
    Path log = dir.resolve("odd-" + seed + ".log");
    Files.write(log, OddLogs.generate(seed, lines, 1_700_000_000L, rate, 200, 3_000));
    String out = assertSameOutput(log, setup);
    // The input is as odd as intended: malformed, late and out-of-order lines all occur.
    JsonNode summary = JSON.readTree(out.substring(out.lastIndexOf("{\"type\":\"summary\"")));
    assertThat(summary.get("malformed_total").asLong()).isPositive();
    assertThat(summary.get("late_total").asLong()).isPositive();
    assertThat(summary.get("malformed_requests_total").asLong()).isPositive();
    if (rate >= 3) {
      assertThat(out).contains("\"type\":\"alert\"");
    }
    if (rate >= 3 && setup.rule() == AlertRule.ABSOLUTE) {
      // (The relative rule's lifetime average includes the log's day-long silences, so after
      // one its alert stays up.)
      assertThat(out).contains("\"type\":\"recovery\"");
    }
  }

  @Test
  void manyDistinctKeysOverTheLifetimeCap() throws IOException {
    Path log = dir.resolve("wide.log");
    Files.write(log, OddLogs.generate(9, 6_000, 1_600_000_000L, 20, 5_000, 100_000));
    assertSameOutput(log, new Setup(20, 10, 4, 10, AlertRule.ABSOLUTE, 65_536, 25));
  }

  private String assertSameOutput(Path log, Setup s) throws IOException {
    Run reference = reference(log, s);
    assertThat(reference.out).contains("\"type\":\"summary\"");
    for (int threads : new int[] {1, 3}) {
      for (int chunk : new int[] {ChunkedReplay.CHUNK_BYTES, 1_000, 2 * s.maxLine() + 7}) {
        for (boolean positional : new boolean[] {true, false}) {
          Run fast = fast(log, s, threads, chunk, positional);
          assertThat(fast.out)
              .as(
                  "json, %d threads, %d-byte chunks, positional reads %s",
                  threads, chunk, positional)
              .isEqualTo(reference.out);
          assertThat(fast.notes).as("notes").isEqualTo(reference.notes);
          assertThat(fast.metrics())
              .as("metrics counters by label set, duration histograms")
              .isEqualTo(reference.metrics());
        }
      }
    }
    Run batches = lineByLine(log, s, new Aggregator(config(s), s.cap()), RowParser.clf());
    assertThat(batches.out).as("json, follow mode's batches").isEqualTo(reference.out);
    assertThat(batches.metrics()).isEqualTo(reference.metrics());
    return reference.out;
  }

  /** Output, stderr notes and the final metrics counters (series, then histograms) of one run. */
  record Run(String out, List<String> notes, List<Object> metrics) {}

  /** The labelled counters behind /metrics, which the JSON output does not show. */
  static List<Object> counters(Monitor m) {
    RequestCounts r = m.latest().traffic().lifetime().requests();
    List<Object> all = new ArrayList<>(r.series());
    all.addAll(r.durations());
    return all;
  }

  private Run reference(Path log, Setup s) throws IOException {
    return lineByLine(
        log, s, new ReferenceAggregator(config(s), s.cap()), new TextRows(new ClfParser(), true));
  }

  private Run lineByLine(Path log, Setup s, TrafficCounter counter, RowParser parser)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> notes = new ArrayList<>();
    List<SourceView> sources = new ArrayList<>();
    Monitor m = monitor(s, counter, parser, out, notes, sources);
    {
      long[] read = FileBatches.feed(log, s.maxLine(), m::accept);
      sources.add(
          SourceView.of(
              new SourceStatus(
                  log.toString(),
                  SourceStatus.State.DONE,
                  read[0],
                  Files.size(log),
                  0,
                  0,
                  read[1],
                  0,
                  null)));
    }
    m.finish();
    return new Run(out.toString(StandardCharsets.UTF_8), notes, counters(m));
  }

  private Run fast(Path log, Setup s, int threads, int chunk, boolean positional)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> notes = new ArrayList<>();
    ReplayRun run = new ReplayRun(List.of(log), s.maxLine(), threads, chunk);
    if (!positional) {
      run.sequentialReads();
    }
    Monitor m = monitorWithSources(s, out, notes, run);
    run.run(m);
    return new Run(out.toString(StandardCharsets.UTF_8), notes, counters(m));
  }

  private Monitor monitorWithSources(
      Setup s, ByteArrayOutputStream out, List<String> notes, ReplayRun run) {
    return new Monitor(
        MonitorHarness.config(
            true, s.interval(), s.window(), 3, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        RowParser.clf(),
        new Aggregator(config(s), s.cap()),
        new AlertEngine(s.rule(), s.threshold()),
        new JsonPresenter(out),
        ZoneOffset.UTC,
        notes::add,
        run::sources);
  }

  private static Monitor monitor(
      Setup s,
      TrafficCounter counter,
      RowParser parser,
      ByteArrayOutputStream out,
      List<String> notes,
      List<SourceView> sources) {
    return new Monitor(
        MonitorHarness.config(
            true, s.interval(), s.window(), 3, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        parser,
        counter,
        new AlertEngine(s.rule(), s.threshold()),
        new JsonPresenter(out),
        ZoneOffset.UTC,
        notes::add,
        () -> sources == null ? List.of() : sources);
  }

  private static AggregatorConfig config(Setup s) {
    return new AggregatorConfig(s.window(), 10, s.interval(), s.top());
  }
}
