package dev.logmon.bench;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing 20,000 Combined lines from bytes into compact rows, as every input path does (follow
 * mode's batches and a replay's chunks alike). Scores are lines per second, on one thread.
 *
 * <p>Run: {@code mvn -Pjmh -DskipTests package && java -cp target/logmon-0.1.0-all.jar
 * org.openjdk.jmh.Main ParseBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  static final int LINES = 20_000;
  private byte[] chunk;
  private final ChunkParser chunks = new ChunkParser(65_536, RowParser.clf());
  private final ParsedLines out = new ParsedLines();

  @Setup
  public void setUp() {
    chunk = BenchLogs.generate(LINES, 500, 50_000);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int bytesToRows() {
    chunks.parse(chunk, 0, chunk.length, true, out);
    return out.size();
  }
}
