package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.present.Sanitizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths, referrers, user agents, file names and option values carrying bidi overrides, isolates and
 * zero-width characters, through the real command (issue 15: they reached plain output and notes
 * raw, so a line could read backwards or hide text): every one is escaped, none is lost.
 */
class InvisibleTextTest {
  static final String RLO = "\u202E";
  static final String ZWSP = "\u200B";
  static final String LRI = "\u2066";
  static final String PDI = "\u2069";
  static final String BOM = "\uFEFF";

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

  private static String line(String path, String referrer, String agent) {
    return "192.0.2.1 - - [14/Nov/2023:22:13:20 +0000] \"GET "
        + path
        + " HTTP/1.1\" 200 100 \""
        + referrer
        + "\" \""
        + agent
        + "\"";
  }

  /** Three crafted sections, and a malformed line (quoted in a note) with a crafted referrer. */
  private Path craftedLog() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lines.add(line("/" + RLO + "gnp.exe/x", "http://a.example/" + RLO + "moc.elgoog", "UA"));
      lines.add(line("/ad" + ZWSP + "min/x", "-", "Mozilla" + ZWSP + "/5.0"));
      lines.add(line("/" + LRI + "shop" + PDI + BOM + "/y", "-", "x"));
    }
    lines.add(
        "192.0.2.1 - - [14/Nov/2023:22:13:21 +0000] \"GET /z HTTP/1.1\" abc 1 \"http://"
            + RLO
            + "evil/\" \"agent"
            + ZWSP
            + LRI
            + "\"");
    Path log = dir.resolve("crafted.log");
    Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return log;
  }

  private static void assertVisible(String text) {
    assertThat(text.codePoints().filter(Sanitizer::isUnsafe).filter(c -> c != '\n'))
        .as("unsafe characters in:\n%s", text)
        .isEmpty();
  }

  @Test
  void plainReportsAndNotesShowEveryInvisibleCharacterEscaped() throws Exception {
    assertThat(run("--replay", "--output", "plain", "--interval", "1s", craftedLog().toString()))
        .isZero();
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertVisible(stdout);
    assertVisible(stderr);
    assertThat(stdout)
        .contains("/\\u202egnp.exe")
        .contains("/ad\\u200bmin")
        .contains("/\\u2066shop\\u2069\\ufeff");
    // The malformed line is quoted with its referrer and user agent, escaped.
    assertThat(stderr).contains("http://\\u202eevil/", "agent\\u200b\\u2066");
  }

  @Test
  void jsonLinesEscapeThemAndKeepTheExactText() throws Exception {
    assertThat(run("--replay", "--output", "json", "--interval", "1s", craftedLog().toString()))
        .isZero();
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertVisible(stdout);
    assertThat(stdout).contains("\\u202e", "\\u200b", "\\u2066", "\\ufeff");
    List<String> sections = new ArrayList<>();
    for (String l : stdout.split("\n")) {
      JsonNode summary = new ObjectMapper().readTree(l);
      if (summary.get("type").asText().equals("summary")) {
        summary.get("sections").forEach(s -> sections.add(s.get("section").asText()));
      }
    }
    assertThat(sections)
        .contains("/" + RLO + "gnp.exe", "/ad" + ZWSP + "min", "/" + LRI + "shop" + PDI + BOM);
  }

  @Test
  void fileNamesAndOptionValuesInErrorsAreEscaped() throws Exception {
    Path missing = dir.resolve("access" + RLO + "gol.txt");
    assertThat(run("--replay", missing.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("access\\u202egol.txt: no such file");
    assertVisible(err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertThat(run("--replay", "--top", "1" + RLO, craftedLog().toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\\u202e");
    assertVisible(err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertThat(
            run("--replay", "--web", "0", "--web-host", "a" + ZWSP + "b", craftedLog().toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--web-host", "a\\u200bb");
    assertVisible(err.toString(StandardCharsets.UTF_8));
  }
}
