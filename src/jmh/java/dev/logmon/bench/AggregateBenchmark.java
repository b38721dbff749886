package dev.logmon.bench;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.RunSums;
import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.time.ZoneOffset;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting 20,000 pre-parsed lines (40 s of log time at 500 lines/s) into a fresh {@link
 * Aggregator}, with a snapshot of every window every 10 s of log time as reports take them. Scores
 * are lines per second, on one thread; {@code clients} sets how many distinct client addresses.
 * {@code countAndSnapshot} adds the lines one by one, {@code countRunsAndSnapshot} by the runs of
 * one second the parse threads group them into, as the replay does.
 *
 * <p>Run: {@code mvn -Pjmh -DskipTests package && java -cp target/logmon-0.1.0-all.jar
 * org.openjdk.jmh.Main AggregateBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggregateBenchmark {
  static final int LINES = 20_000;

  @Param({"50000", "1000000"})
  int clients;

  private final ParsedLines parsed = new ParsedLines();
  private final RunSums runs = new RunSums();

  @Setup
  public void setUp() {
    byte[] chunk = BenchLogs.generate(LINES, 500, clients);
    new ChunkParser(65_536, RowParser.clf()).parse(chunk, 0, chunk.length, true, parsed);
    runs.build(parsed);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long countAndSnapshot() {
    Aggregator a = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    long lastReport = Long.MIN_VALUE;
    long sum = 0;
    for (int i = 0; i < parsed.size(); i++) {
      long s = parsed.second(i);
      if (s / 10 != lastReport) {
        lastReport = s / 10;
        sum += a.snapshot(s - 1, ZoneOffset.UTC).window().hits();
      }
      a.add(parsed, i, parsed.second(i));
    }
    return sum + a.hits();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long countRunsAndSnapshot() {
    Aggregator a = new Aggregator(new AggregatorConfig(120, 10, 10, 5));
    long lastReport = Long.MIN_VALUE;
    long sum = 0;
    for (int r = 0; r < runs.count(); r++) {
      long s = parsed.second(runs.from(r));
      if (s / 10 != lastReport) {
        lastReport = s / 10;
        sum += a.snapshot(s - 1, ZoneOffset.UTC).window().hits();
      }
      if (runs.grouped(r)) {
        a.addRun(parsed, runs, r, parsed.second(runs.from(r)));
      } else {
        for (int i = runs.from(r); i < runs.to(r); i++) {
          a.add(parsed, i, parsed.second(i));
        }
      }
    }
    return sum + a.hits();
  }
}
