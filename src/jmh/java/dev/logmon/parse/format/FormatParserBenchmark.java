package dev.logmon.parse.format;

import dev.logmon.bench.BenchLogs;
import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 * Format-string parsers next to the built-in Combined parser on the same 20,000 Combined lines,
 * from bytes into rows ({@code ByteClfParser} against {@link ByteFormat}). The {@code WithDuration}
 * case reads the same lines with {@code %D} appended. Scores are lines per second, on one thread.
 *
 * <p>Run: {@code mvn -B -q -Pjmh -DskipTests package && java -cp target/logmon-0.1.0-all.jar
 * org.openjdk.jmh.Main FormatParserBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FormatParserBenchmark {
  static final int LINES = 20_000;
  static final String COMBINED = Preset.COMBINED.definition();

  private final ParsedLines out = new ParsedLines();
  private final ChunkParser builtInBytes = new ChunkParser(65_536, RowParser.clf());
  private final ChunkParser formatBytes = new ChunkParser(65_536, ApacheFormat.compile(COMBINED));
  private final ChunkParser timedBytes =
      new ChunkParser(65_536, ApacheFormat.compile(COMBINED + " %D"));
  private byte[] chunk;
  private byte[] timedChunk;

  @Setup
  public void setUp() {
    chunk = BenchLogs.generate(LINES, 500, 50_000);
    String[] lines = new String(chunk, StandardCharsets.ISO_8859_1).split("\n");
    ByteArrayOutputStream timed = new ByteArrayOutputStream();
    for (int i = 0; i < lines.length; i++) {
      timed.writeBytes(
          (lines[i] + " " + (1_000 + i * 37 % 500_000) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    timedChunk = timed.toByteArray();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int builtInCombinedBytes() {
    builtInBytes.parse(chunk, 0, chunk.length, true, out);
    return out.size();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int formatCombinedBytes() {
    formatBytes.parse(chunk, 0, chunk.length, true, out);
    return out.size();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int formatWithDurationBytes() {
    timedBytes.parse(timedChunk, 0, timedChunk.length, true, out);
    return out.size();
  }
}
