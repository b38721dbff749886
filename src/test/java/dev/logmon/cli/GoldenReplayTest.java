package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden replay: a fixed log (calm, a spike, calm, a few odd lines; made by
 * golden/make_spike_log.py) must give exactly the expected output, byte for byte, every time.
 *
 * <p>To accept a deliberate output change, run with {@code -Dgolden.update=true} and review the
 * diff of the .expected files.
 */
class GoldenReplayTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "spike.plain, --replay --window 30s --interval 30s",
    "spike.json, --replay --window 30s --interval 30s --output json",
    "spike.relative.json, --replay --window 30s --interval 60s --alert relative --threshold 5 -o json"
  })
  void replayOutputIsExactlyTheGoldenFile(String name, String args) throws Exception {
    Path log = resource("spike.log");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = (args + " " + log).split(" ");
    // The clock must not matter in replay: give it a time far from the log's.
    InstantSource clock = InstantSource.fixed(Instant.parse("2030-01-01T00:00:00Z"));
    int code =
        LogmonCommand.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                clock,
                ConfigLocations.NONE)
            .execute(argv);
    assertThat(code).isZero();
    String actual =
        (out.toString(StandardCharsets.UTF_8)
                + "--- stderr ---\n"
                + err.toString(StandardCharsets.UTF_8))
            .replace(log.toString(), "<spike.log>");

    Path expected = resource("spike.log").resolveSibling(name + ".expected");
    if (Boolean.getBoolean("golden.update")) {
      Path src = Path.of("src/test/resources/golden", name + ".expected");
      Files.writeString(src, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  private static Path resource(String name) throws URISyntaxException, IOException {
    var url = GoldenReplayTest.class.getResource("/golden/" + name);
    if (url == null) {
      return Path.of("src/test/resources/golden", name).toAbsolutePath();
    }
    return Path.of(url.toURI());
  }
}
