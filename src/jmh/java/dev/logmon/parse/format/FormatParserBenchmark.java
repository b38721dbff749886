package dev.logmon.parse.format;

import dev.logmon.parse.ClfParser;
import dev.logmon.parse.LineParser;
import dev.logmon.parse.ParseResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiled format-string parser next to the built-in Combined parser, on the same lines.
 *
 * <p>Run (single-threaded, ns per line):
 *
 * <pre>
 * mvn -B -q -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.cp
 * java -cp target/classes:target/test-classes:$(cat target/jmh.cp) org.openjdk.jmh.Main FormatParserBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FormatParserBenchmark {
  private static final String[] LINES = {
    "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /presentations/logstash-monitorama-2013/"
        + "images/kibana-search.png HTTP/1.1\" 200 203023 \"http://semicomplete.com/presentations/"
        + "logstash-monitorama-2013/\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1)"
        + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36\"",
    "2001:db8::42 - alice [01/May/2024:10:00:02 +0200] \"POST /api/login HTTP/2.0\" 302 0"
        + " \"https://example.com/login\" \"curl/8.5.0\"",
    "198.51.100.9 - - [01/May/2024:10:00:04 +0200] \"GET /search?q=\\\"quoted\\\" HTTP/1.1\" 404"
        + " 153 \"-\" \"sqlmap/1.7 (\\\"probe\\\")\"",
  };

  private final LineParser builtIn = new ClfParser();
  private final LineParser apache = ApacheFormat.compile(Preset.COMBINED.definition());
  private final LineParser nginx = Preset.NGINX.parser();
  private final LineParser timed =
      ApacheFormat.compile("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D");
  private final String[] timedLines = new String[LINES.length];
  private int i;

  public FormatParserBenchmark() {
    for (int k = 0; k < LINES.length; k++) {
      timedLines[k] = LINES[k] + " 1234";
    }
  }

  private String next() {
    i = i + 1 == LINES.length ? 0 : i + 1;
    return LINES[i];
  }

  @Benchmark
  public ParseResult builtInCombined() {
    return builtIn.parse(next());
  }

  @Benchmark
  public ParseResult apacheFormatCombined() {
    return apache.parse(next());
  }

  @Benchmark
  public ParseResult nginxFormatCombined() {
    return nginx.parse(next());
  }

  @Benchmark
  public ParseResult apacheFormatWithDuration() {
    i = i + 1 == LINES.length ? 0 : i + 1;
    return timed.parse(timedLines[i]);
  }
}
