package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format} on the command line: errors with exit 2, presets and auto notes in replay. */
class FormatOptionTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LogmonCommand.commandLine(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InstantSource.system(),
            ConfigLocations.NONE)
        .execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFormatStringThatDoesNotCompileExitsTwoPointingAtTheToken() {
    assertThat(run("--replay", "--format", "%h %l %Q %t", "x.log")).isEqualTo(2);
    assertThat(err()).contains("--format: unknown directive %Q at column 7: %h %l %Q %t");
  }

  @Test
  void autoSaysWhichFormatItPickedAndCountsTheLines() throws Exception {
    Path log = dir.resolve("caddy.log");
    try (var in = getClass().getResourceAsStream("/logs/formats/caddy.log")) {
      Files.write(log, in.readAllBytes());
    }
    assertThat(run("--replay", "-o", "json", log.toString())).isZero();
    assertThat(err()).contains("format: " + log + ": detected caddy (fits 2 of 2 lines sampled)");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"hits_total\":2");
  }

  @Test
  void anExplicitFormatString() throws Exception {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "192.0.2.1 [01/May/2024:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 1500\n");
    assertThat(run("--replay", "-o", "json", "--format", "%h %t \"%r\" %>s %D", log.toString()))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"hits_total\":1");
  }
}
