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

/**
 * Real file names (regressions of issue 14): an existing file whose name has glob characters is
 * that file; an invalid pattern is a one-line usage error; a file name echoed in a message cannot
 * drive the terminal.
 */
class FileNamesTest {
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
  void anExistingFileWithGlobCharactersIsThatFile() throws Exception {
    Path brackets = Files.writeString(dir.resolve("acc[1].log"), "");
    assertThat(RunModes.isGlob(brackets.toString())).isFalse();
    assertThat(RunModes.isGlob(dir.resolve("acc[2].log").toString())).isTrue(); // no such file
    assertThat(RunModes.isGlob(dir.resolve("*.log").toString())).isTrue();
  }

  @Test
  void anInvalidPatternIsAOneLineUsageError() {
    assertThat(run("-o", "json", dir.resolve("bad[.log").toString())).isEqualTo(2);
    assertThat(err())
        .startsWith("logmon: invalid glob pattern '" + dir.resolve("bad[.log") + "': ")
        .endsWith(" (see --help)" + System.lineSeparator())
        .hasLineCount(1)
        .doesNotContain("PatternSyntaxException");
  }

  @Test
  void aFileNameWithAnEscapeSequenceIsSanitisedInErrors() {
    String osc = "\u001b]0;pwned\u0007";
    assertThat(run("-o", "json", dir.resolve(osc + "[.log").toString())).isEqualTo(2);
    assertThat(run("--replay", "-o", "json", dir.resolve(osc + ".log").toString())).isEqualTo(1);
    assertThat(err()).doesNotContain("\u001b", "\u0007").contains("\\x1b]0;pwned\\x07");
  }
}
