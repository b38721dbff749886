package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.TextRows;
import dev.logmon.parse.format.FormatLines;
import dev.logmon.parse.format.JsonFormat;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.parse.format.TextFormat;
import dev.logmon.parse.format.W3cFormat;
import dev.logmon.present.JsonPresenter;
import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logs in Apache and nginx format strings replayed through the parallel byte path (each format's
 * byte parser filling rows) print exactly what a reference prints: follow mode's batches, each line
 * read as text by the compiled format (the oracle) and counted on its own: reports, traffic and
 * latency alerts, latency quantiles, virtual hosts, the summary and the quoted malformed lines,
 * compared as text. Slow: run by {@code mvn verify}.
 */
@Tag("slow")
class FormatFastPathEquivalenceTest {
  @TempDir Path dir;

  /** Windows, table size, traffic threshold, latency threshold (micros, -1 none), line cap. */
  record Setup(int window, int interval, int top, double threshold, long latency, int maxLine) {}

  static final Setup DEFAULTS = new Setup(120, 10, 5, 10, 300_000, 65_536);
  static final Setup SHORT = new Setup(10, 5, 3, 2, 100_000, 256);
  static final Setup QUIET = new Setup(30, 7, 50, 1000, -1, 300);

  static Stream<Arguments> formats() {
    return IntStream.range(0, FormatLines.FORMATS.length)
        .boxed()
        .flatMap(
            k ->
                Stream.of(
                    Arguments.of(k, DEFAULTS, 6_000, 20.0),
                    Arguments.of(k, SHORT, 3_000, 4.0),
                    Arguments.of(k, QUIET, 2_000, 0.5)));
  }

  @ParameterizedTest
  @MethodSource("formats")
  void generatedLogsCountAlike(int k, Setup setup, int lines, double rate) throws IOException {
    String format = FormatLines.FORMATS[k];
    Path log = dir.resolve("format-" + k + ".log");
    Files.write(log, FormatLines.log(format, 31L * k + lines, lines, 1_700_000_000L, rate));
    RowParser rows = LogFormats.parser(format, n -> {});
    assertThat(rows).as("a byte parser").isNotInstanceOfAny(JsonFormat.class, W3cFormat.class);
    if (!FormatLines.joinsFields(format)) {
      assertMostLinesAreRows(log, rows, setup.maxLine());
    }

    String out = assertSameOutput(log, format, rows, setup);
    assertThat(out).contains("\"type\":\"summary\"").contains("\"malformed_total\"");
    if (format.contains("%D") || format.contains("$request_time")) {
      assertThat(out).as("durations are counted").contains("\"latency\"");
      if (setup.latency() >= 0) {
        assertThat(out).as("latency alerts").contains("\"alert\":\"latency\"");
      }
    }
    if (format.contains("%v") || format.contains("$host")) {
      assertThat(out).as("virtual hosts are counted").contains("\"vhosts\"");
    }
  }

  /** The presets defined by a format string take the byte path; JSON and W3C are read as text. */
  @Test
  void presetsWithAFormatStringHaveAByteParser() {
    assertThat(LogFormats.parser("nginx", n -> {}))
        .isNotInstanceOfAny(JsonFormat.class, W3cFormat.class);
    assertThat(LogFormats.parser("vhost_combined", n -> {})).isSameAs(RowParser.clf());
    assertThat(LogFormats.parser("combined", n -> {})).isSameAs(RowParser.clf());
    assertThat(LogFormats.parser("caddy", n -> {})).isInstanceOf(JsonFormat.class);
    assertThat(LogFormats.parser("w3c", n -> {})).isInstanceOf(W3cFormat.class);
    assertThat(LogFormats.parser("json", n -> {})).isInstanceOf(JsonFormat.class);
    // A path and query with a literal between, a port apart from its vhost: the byte parser too.
    assertThat(
            LogFormats.parser(
                "$remote_addr [$time_local] \"$request_method $uri?$args\" $status", n -> {}))
        .isNotInstanceOfAny(JsonFormat.class, W3cFormat.class);
    assertThat(LogFormats.parser("%v %p %h %t \"%r\" %>s %b", n -> {}))
        .isNotInstanceOfAny(JsonFormat.class, W3cFormat.class);
  }

  /**
   * The byte parser fills rows for the valid lines; only those with non-ASCII bytes are records.
   */
  private static void assertMostLinesAreRows(Path log, RowParser rows, int maxLine)
      throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    ParsedLines out = new ParsedLines();
    new ChunkParser(maxLine, rows).parse(bytes, 0, bytes.length, true, out);
    int ok = 0;
    int records = 0;
    for (int i = 0; i < out.size(); i++) {
      ok += out.outcome(i) == ParsedLines.OK ? 1 : 0;
      records += out.outcome(i) == ParsedLines.RECORD ? 1 : 0;
    }
    assertThat(ok).as("rows read from bytes").isGreaterThan(out.size() * 3 / 4);
    // Only the lines with non-ASCII or bad bytes: a few percent.
    assertThat(records).as("lines held as records").isLessThan(out.size() / 16);
  }

  private String assertSameOutput(Path log, String format, RowParser rows, Setup s)
      throws IOException {
    Run reference = lineByLine(log, format, s);
    for (int threads : new int[] {1, 3}) {
      for (int chunk : new int[] {ChunkedReplay.CHUNK_BYTES, 1_000, 2 * s.maxLine() + 7}) {
        Run fast = fast(log, rows, s, threads, chunk);
        assertThat(fast.out())
            .as("json of %s, %d threads, %d-byte chunks", format, threads, chunk)
            .isEqualTo(reference.out());
        assertThat(fast.notes()).as("notes").isEqualTo(reference.notes());
        assertThat(fast.metrics())
            .as("/metrics counters and histograms (not in the JSON)")
            .isEqualTo(reference.metrics());
      }
    }
    return reference.out();
  }

  record Run(String out, List<String> notes, List<Object> metrics) {}

  private Run lineByLine(Path log, String format, Setup s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> notes = new ArrayList<>();
    List<SourceView> sources = new ArrayList<>();
    Monitor m = monitor(new TextRows(TextFormat.of(format), true), s, out, notes, () -> sources);
    seedSketches();
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
    m.finish();
    return new Run(
        out.toString(StandardCharsets.UTF_8), notes, FastPathEquivalenceTest.counters(m));
  }

  private Run fast(Path log, RowParser rows, Setup s, int threads, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> notes = new ArrayList<>();
    ReplayRun run = new ReplayRun(List.of(log), s.maxLine(), threads, chunk);
    Monitor m = monitor(rows, s, out, notes, run::sources);
    seedSketches();
    run.run(m);
    return new Run(
        out.toString(StandardCharsets.UTF_8), notes, FastPathEquivalenceTest.counters(m));
  }

  private static Monitor monitor(
      RowParser parser,
      Setup s,
      ByteArrayOutputStream out,
      List<String> notes,
      java.util.function.Supplier<List<SourceView>> sources) {
    AlertEngine alerts = new AlertEngine(AlertRule.ABSOLUTE, s.threshold());
    if (s.latency() >= 0) {
      alerts.withLatencyThreshold(s.latency());
    }
    return new Monitor(
        MonitorHarness.config(
            true, s.interval(), s.window(), 3, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        parser,
        new Aggregator(new AggregatorConfig(s.window(), 10, s.interval(), s.top())),
        alerts,
        new JsonPresenter(out),
        ZoneOffset.UTC,
        notes::add,
        sources);
  }

  /**
   * Latency quantiles come from KLL sketches, which compact at random once a window holds more than
   * a few hundred durations; both paths make the same sketch calls in the same order, so with the
   * same seed they print the same estimates.
   */
  private static void seedSketches() {
    try {
      Field f = KllSketch.class.getDeclaredField("random");
      f.setAccessible(true);
      ((Random) f.get(null)).setSeed(20_240_501L);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot seed the KLL sketches' random compaction", e);
    }
  }
}
