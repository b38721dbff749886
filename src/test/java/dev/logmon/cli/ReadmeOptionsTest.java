package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** README.md's Options section is the --help output, so the two cannot drift apart. */
class ReadmeOptionsTest {
  @Test
  void readmeOptionsBlockIsTheHelpOutput() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        LogmonCommand.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                InstantSource.system(),
                ConfigLocations.NONE)
            .execute("--help");
    assertThat(code).isZero();
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Options\n\n```\n");
    assertThat(start).as("README.md has an Options section with a code block").isNotNegative();
    start += "## Options\n\n```\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    assertThat(block)
        .as("README.md's Options block (regenerate it from `logmon --help` at 80 columns)")
        .isEqualTo(out.toString(StandardCharsets.UTF_8));
  }
}
