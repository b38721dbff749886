package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real file names, end to end (regressions of issue 14): an existing file named with glob
 * characters is read as that file, and a file name with an escape sequence reaches stderr only as
 * visible text.
 */
class FileNamesIT {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** A hit stamped now: the test runs in follow mode, where old lines would be late. */
  private final String line =
      "192.0.2.7 - - ["
          + ZonedDateTime.now(ZoneOffset.UTC)
              .format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT))
          + "] \"GET /x HTTP/1.1\" 200 5 \"-\" \"it\"\n";

  @TempDir Path dir;

  @Test
  void anExistingFileNamedWithBracketsIsThatFile() throws Exception {
    Path log = Files.writeString(dir.resolve("acc[1].log"), line + line + line);
    Files.writeString(dir.resolve("acc1.log"), line); // what the name means as a glob
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output", "json", "--interval", "1s", "--from-start", log.toString())) {
      p.awaitLine(l -> l.contains("\"report\"") && l.contains("\"hits_total\":3"), DEADLINE);
      assertThat(p.terminate(DEADLINE)).isZero();
      assertThat(p.awaitLine(l -> l.contains("\"summary\""), DEADLINE))
          .contains("\"hits_total\":3");
    }
  }

  @Test
  void aFileNameWithAnEscapeSequenceIsPrintedAsText() throws Exception {
    Files.writeString(dir.resolve("\u001b]0;pwned\u0007.log"), line);
    try (LogmonProcess p =
        LogmonProcess.start(
            "--output",
            "json",
            "--interval",
            "1s",
            "--from-start",
            dir.resolve("*.log").toString())) {
      String note = p.awaitErr("detected combined");
      assertThat(note).contains("\\x1b]0;pwned\\x07.log").doesNotContain("\u001b", "\u0007");
      assertThat(p.terminate(DEADLINE)).isZero();
      assertThat(p.stderr()).noneMatch(l -> l.contains("\u001b"));
    }
  }
}
