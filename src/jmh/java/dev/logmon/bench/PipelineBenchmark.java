package dev.logmon.bench;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.RowParser;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.pipeline.ReplayRun;
import dev.logmon.present.JsonPresenter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole replay of a 500,000-line file (from the page cache) as {@code logmon --replay -o json}
 * runs it, warm: chunked reading, parallel parsing on {@code threads} threads, counting in order,
 * reports, alerts and the summary written as JSON (to nowhere). Scores are lines per second.
 *
 * <p>Run: {@code mvn -Pjmh -DskipTests package && java -cp target/logmon-0.1.0-all.jar
 * org.openjdk.jmh.Main PipelineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PipelineBenchmark {
  static final int LINES = 500_000;

  @Param({"1", "2"})
  int threads;

  private Path file;

  @Setup
  public void setUp() throws IOException {
    file = Files.createTempFile("logmon-bench-", ".log");
    Files.write(file, BenchLogs.generate(LINES, 500, 50_000));
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long replay() throws IOException {
    ReplayRun run = new ReplayRun(List.of(file), 65_536, threads);
    Aggregator aggregator = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    Monitor m =
        new Monitor(
            new MonitorConfig(
                true,
                10,
                120,
                5,
                false,
                dev.logmon.pipeline.MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS,
                dev.logmon.filter.FilterSet.NONE,
                1,
                false),
            RowParser.clf(),
            aggregator,
            new AlertEngine(AlertRule.ABSOLUTE, 10),
            new JsonPresenter(OutputStream.nullOutputStream()),
            ZoneOffset.UTC,
            note -> {},
            run::sources);
    run.run(m);
    return aggregator.hits();
  }
}
