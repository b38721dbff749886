package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Config files: any option as {@code name = value}, the command line winning, default locations
 * layered, one-line errors naming file and line, and {@code --print-config} reading back as given.
 */
class ConfigFileTest {
  @TempDir Path dir;

  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(ConfigLocations locations, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return LogmonCommand.commandLine(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InstantSource.system(),
            locations)
        .execute(args);
  }

  private int run(String... args) {
    return run(ConfigLocations.NONE, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  /** The effective settings without comments, one per line. */
  private List<String> settings() {
    return out().lines().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void takesAnyOptionAsNameValueLines() throws Exception {
    Path conf =
        file(
            "logmon.conf",
            """
            \uFEFF# every kind of option
            interval = 5s\r
               window   =   30s
            exclude = health: path ~ "^/health"
            exclude = referrer ~ "#top"
            exclude = status in [301, 302]

            ignore-crawlers = true
            replay = false
            web = 127.0.0.1:0
            web-host = logs.example.org
            file = /var/log/nginx/access.log
            file = /var/log/nginx/other.log
            """);
    assertThat(run("--config", conf.toString(), "--print-config")).isZero();
    assertThat(settings())
        .contains(
            "interval = 5s",
            "window = 30s",
            "exclude = health: path ~ \"^/health\"",
            "exclude = referrer ~ \"#top\"",
            "exclude = status in [301, 302]",
            "ignore-crawlers = true",
            "replay = false",
            "web = 127.0.0.1:0",
            "web-host = logs.example.org",
            "file = /var/log/nginx/access.log",
            "file = /var/log/nginx/other.log",
            "top = 5");
    assertThat(out()).contains("# from " + conf + ":2\ninterval = 5s\n");
  }

  @Test
  void theCommandLineWinsAlsoForRepeatableOptionsAndFiles() throws Exception {
    Path conf =
        file(
            "logmon.conf",
            """
            interval = 5s
            top = 7
            exclude = status == 404
            exclude = status == 500
            file = /from/the/file.log
            """);
    assertThat(
            run(
                "--config",
                conf.toString(),
                "--interval",
                "20s",
                "--exclude",
                "bytes == 0",
                "--print-config",
                "given.log"))
        .isZero();
    assertThat(settings())
        .contains("interval = 20s", "top = 7", "exclude = bytes == 0", "file = given.log")
        .doesNotContain("interval = 5s", "exclude = status == 404", "file = /from/the/file.log");
  }

  @Test
  void laterDefaultFilesReplaceEarlierOnesKeyByKey() throws Exception {
    Path system = file("system.conf", "top = 3\nexclude = status == 404\nwindow = 1m\n");
    Path user = file("user.conf", "top = 9\nexclude = status == 500\n");
    ConfigLocations both = new ConfigLocations(List.of(system, user, dir.resolve("absent.conf")));
    assertThat(run(both, "--print-config")).isZero();
    assertThat(settings())
        .contains("top = 9", "exclude = status == 500", "window = 1m")
        .doesNotContain("exclude = status == 404");
    // --config replaces the default locations.
    Path only = file("only.conf", "top = 4\n");
    assertThat(run(both, "--config", only.toString(), "--print-config")).isZero();
    assertThat(settings()).contains("top = 4", "window = 2m");
  }

  @Test
  void printedSettingsReadBackAlike() throws Exception {
    assertThat(
            run(
                "--window",
                "30s",
                "--exclude",
                "health: path ~ \"^/health\"",
                "--include",
                "ip in 10.0.0.0/8",
                "--ignore-crawlers",
                "--web",
                "0",
                "--format",
                "%h %l %u %t \"%r\" %>s %b",
                "a.log",
                "b.log",
                "--print-config"))
        .isZero();
    String printed = out();
    Path conf = file("printed.conf", printed);
    assertThat(run("--config", conf.toString(), "--print-config")).isZero();
    assertThat(settings()).isEqualTo(printed.lines().filter(l -> !l.startsWith("#")).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          foo = 1                      | 1 | unknown option 'foo'
          i = 5s                       | 1 | unknown option 'i'
          --top = 3                    | 1 | write the option without dashes, e.g. 'interval = 10s'
          top                          | 1 | expected 'name = value', got 'top'
          top =                        | 1 | 'top' has no value
          top = x                      | 1 | Invalid value for option '--top': 'x' is not an int
          top = 0                      | 1 | --top must be between 1 and 1000, got 0
          replay = yes                 | 1 | 'replay' is true or false
          print-config = true          | 1 | 'print-config' cannot be set in a config file
          exclude = path ~             | 1 | Invalid value for option '--exclude' (EXPR): expected a regular expression after '~', found the end at column 7: path ~
          web-token = secret           | 1 | --web-token needs --web
          section-depth = 0            | 1 | --section-depth must be between 1 and 16, got 0
          """)
  void reportsTheFileAndLineOfABadSetting(String line, int lineNumber, String message)
      throws Exception {
    Path conf = file("bad.conf", "# first a comment\n\n" + line + "\n");
    assertThat(run("--config", conf.toString(), "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err())
        .isEqualTo("logmon: " + conf + ":" + (lineNumber + 2) + ": " + message + " (see --help)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aSingleValuedOptionIsSetOnce() throws Exception {
    Path conf = file("twice.conf", "top = 3\ntop = 4\n");
    assertThat(run("--config", conf.toString(), "--print-config")).isEqualTo(2);
    assertThat(err())
        .isEqualTo("logmon: " + conf + ":2: 'top' is already set on line 1 (see --help)\n");
  }

  @Test
  void namesAreSanitisedInErrors() throws Exception {
    Path conf = file("evil\u001b[31m.conf", "\u001b]0;pwned\u0007 = 1\n");
    assertThat(run("--config", conf.toString())).isEqualTo(2);
    assertThat(err())
        .doesNotContain("\u001b", "\u0007")
        .contains("evil\\x1b[31m.conf:1: unknown option");
  }

  @Test
  void unreadableFilesAreErrors() throws Exception {
    assertThat(run("--config", dir.resolve("missing.conf").toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "logmon: config file "
                + dir.resolve("missing.conf")
                + " does not exist (see --help)\n");
    Path latin1 = dir.resolve("latin1.conf");
    Files.write(latin1, new byte[] {'t', 'o', 'p', '=', '1', (byte) 0xe9, '\n'});
    assertThat(run("--config", latin1.toString())).isEqualTo(2);
    assertThat(err()).contains("is not UTF-8 text");
    Path big = dir.resolve("big.conf");
    Files.write(big, new byte[ConfigFile.MAX_BYTES + 1]);
    assertThat(run("--config", big.toString())).isEqualTo(2);
    assertThat(err()).contains("is over 1 MiB");
    // A missing default file is simply not there.
    assertThat(run(new ConfigLocations(List.of(dir.resolve("none.conf"))), "--print-config"))
        .isZero();
  }

  @Test
  void defaultLocationsFollowTheEnvironment() {
    assertThat(ConfigLocations.of(Map.of("HOME", "/home/ann")).files())
        .containsExactly(
            Path.of("/etc/logmon/logmon.conf"), Path.of("/home/ann/.config/logmon/logmon.conf"));
    assertThat(ConfigLocations.of(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg")).files())
        .containsExactly(Path.of("/etc/logmon/logmon.conf"), Path.of("/cfg/logmon/logmon.conf"));
    assertThat(ConfigLocations.of(Map.of()).files())
        .containsExactly(Path.of("/etc/logmon/logmon.conf"));
    assertThat(ConfigLocations.of(Map.of("LOGMON_CONFIG", "")).files()).isEmpty();
    assertThat(ConfigLocations.of(Map.of("LOGMON_CONFIG", "/a.conf:/b.conf")).files())
        .containsExactly(Path.of("/a.conf"), Path.of("/b.conf"));
  }

  @Test
  void subcommandsAndHelpIgnoreConfigFiles() throws Exception {
    Path conf = file("bad.conf", "foo = 1\n");
    ConfigLocations bad = new ConfigLocations(List.of(conf));
    assertThat(run(bad, "--help")).isZero();
    assertThat(run(bad, "--version")).isZero();
    assertThat(run(bad, "generate", "--help")).isZero();
    assertThat(run(bad, "--print-config")).isEqualTo(2);
  }

  /**
   * Filters and the section depth from the command line and from a config file are applied: the
   * lines they leave out are counted as filtered by rule (they once exited 2, "not applied to
   * counting yet").
   */
  @Test
  void filtersFromTheCommandLineAndTheConfigFileAreApplied() throws Exception {
    Path log =
        file(
            "access.log",
            """
            10.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.29"
            10.0.0.2 - - [10/Oct/2026:13:55:36 +0000] "GET /api/v1/a HTTP/1.1" 200 5 "-" "Mozilla/5.0 (X11; rv:121.0) Firefox/121.0"
            10.0.0.3 - - [10/Oct/2026:13:55:37 +0000] "GET /api/v1/b HTTP/1.1" 301 0 "-" "Mozilla/5.0 (compatible; Googlebot/2.1)"
            """);
    Path conf =
        file("filters.conf", "exclude = health: path ~ \"^/health\"\nignore-crawlers = true\n");
    assertThat(
            run(
                "--config",
                conf.toString(),
                "--section-depth",
                "2",
                "--replay",
                "--output",
                "json",
                log.toString()))
        .isZero();
    String summary = out().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(summary)
        .contains("\"hits_total\":1,")
        .contains("\"filtered_total\":2,\"filtered\":{\"health\":1,\"crawlers\":1}")
        .contains("\"section\":\"/api/v1\"");
  }

  /** {@code config = FILE} reads another file there; a pattern reads its matches in name order. */
  @Test
  void aConfigFileIncludesOthers() throws Exception {
    Files.createDirectory(dir.resolve("conf.d"));
    file("conf.d/20-web.conf", "web = 127.0.0.1:0\nexclude = status == 404\n");
    file("conf.d/10-top.conf", "top = 8\nexclude = status == 500\n");
    file("conf.d/README", "not a config file\n");
    Path main = file("logmon.conf", "window = 1m\nconfig = conf.d/*.conf\ninterval = 5s\n");
    assertThat(run("--config", main.toString(), "--print-config")).isZero();
    assertThat(settings())
        .contains(
            "window = 1m",
            "interval = 5s",
            "top = 8",
            "web = 127.0.0.1:0",
            "exclude = status == 500",
            "exclude = status == 404");
    assertThat(out()).contains("# from " + dir.resolve("conf.d/10-top.conf") + ":1\ntop = 8\n");
    // A pattern matching nothing reads nothing; a file named outright must exist.
    Path none = file("none.conf", "config = absent.d/*.conf\ntop = 2\n");
    assertThat(run("--config", none.toString(), "--print-config")).isZero();
    Path missing = file("missing.conf", "top = 2\nconfig = other.conf\n");
    assertThat(run("--config", missing.toString(), "--print-config")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "logmon: "
                + missing
                + ":2: config file "
                + dir.resolve("other.conf")
                + " does not exist (see --help)\n");
    // A setting given in two files is an error naming both.
    Path twice = file("twice.conf", "top = 3\nconfig = conf.d/10-top.conf\n");
    assertThat(run("--config", twice.toString(), "--print-config")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "logmon: "
                + dir.resolve("conf.d/10-top.conf")
                + ":1: 'top' is already set at "
                + twice
                + ":1 (see --help)\n");
  }

  /** Includes are bounded: a cycle, a file read twice, depth, count and total size are errors. */
  @Test
  void includesAreBoundedAndCycleSafe() throws Exception {
    Path a = file("a.conf", "top = 3\nconfig = b.conf\n");
    file("b.conf", "config = a.conf\n");
    assertThat(run("--config", a.toString(), "--print-config")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "logmon: "
                + dir.resolve("b.conf")
                + ":1: config file "
                + dir.resolve("a.conf")
                + " includes itself (through "
                + dir.resolve("b.conf").toRealPath()
                + ") (see --help)\n");
    Path self = file("self.conf", "config = self.conf\n");
    assertThat(run("--config", self.toString(), "--print-config")).isEqualTo(2);
    assertThat(err()).contains("self.conf includes itself");
    file("leaf.conf", "top = 3\n");
    Path diamond = file("diamond.conf", "config = leaf.conf\nconfig = ./leaf.conf\n");
    assertThat(run("--config", diamond.toString(), "--print-config")).isEqualTo(2);
    assertThat(err()).contains("diamond.conf:2: config file ").contains("leaf.conf is read twice");
    for (int i = 0; i < 9; i++) {
      file("d" + i + ".conf", "config = d" + (i + 1) + ".conf\n");
    }
    file("d9.conf", "top = 3\n");
    assertThat(run("--config", dir.resolve("d0.conf").toString(), "--print-config")).isEqualTo(2);
    assertThat(err()).contains("d7.conf:1: config files nested more than 8 deep");
    Files.createDirectory(dir.resolve("many.d"));
    for (int i = 0; i < ConfigFile.MAX_FILES; i++) {
      file("many.d/" + i + ".conf", "exclude = bytes == " + i + "\n");
    }
    Path many = file("many.conf", "config = many.d/*.conf\n");
    assertThat(run("--config", many.toString(), "--print-config")).isEqualTo(2);
    assertThat(err()).contains("many.conf:1: more than 64 config files");
    Files.createDirectory(dir.resolve("big.d"));
    file("big.d/1.conf", "# " + "x".repeat(ConfigFile.MAX_BYTES / 2) + "\n");
    file("big.d/2.conf", "# " + "x".repeat(ConfigFile.MAX_BYTES / 2) + "\n");
    Path big = file("big.conf", "config = big.d/*\n");
    assertThat(run("--config", big.toString(), "--print-config")).isEqualTo(2);
    assertThat(err()).contains("2.conf takes the config files over 1 MiB");
  }

  /**
   * A bad filter on the command line is one sanitised line with its column, exit 2, whatever the
   * expression holds (escape sequences, newlines).
   */
  @Test
  void aBadFilterIsOneSanitisedLineWithItsColumn() {
    badFilter(
        "--exclude",
        "path ~",
        "--exclude' (EXPR): expected a regular expression after '~', found the end at column 7:"
            + " path ~");
    badFilter(
        "--include",
        "ip in 10.0.0.1/8",
        "--include' (EXPR): '10.0.0.1/8' has bits set past its prefix; the block is 10.0.0.0/8 at"
            + " column 7: ip in 10.0.0.1/8");
    badFilter(
        "--exclude",
        "agent == \"\u001b]0;x\u0007\n\" and",
        "expected a field (ip, status, method, path, section, vhost, agent, referrer, bytes,"
            + " duration), found the end at column 23: agent == \"\\x1b]0;x\\x07\\x0a\" and");
    badFilter(
        "--exclude",
        "method == G\u001b[2JET",
        "unexpected character U+001B at column 12: method == G\\x1b[2JET");
  }

  private void badFilter(String option, String expression, String message) {
    assertThat(run(option, expression, "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err()).endsWith(message + " (see --help)\n");
    assertThat(err().lines()).hasSize(1);
    assertThat(err()).doesNotContain("\u001b", "\u0007");
  }

  /** However long the expression, its error is a line of readable length. */
  @Test
  void aLongBadFilterIsAShortLine() {
    String expr = "status == 200 or ".repeat(500) + "status == 20O";
    assertThat(run("--exclude", expr, "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err()).contains("status takes a whole number").endsWith("20O (see --help)\n");
    assertThat(err().length()).isLessThan(300);
    assertThat(run("--exclude", "x".repeat(20_000), "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err()).contains("longer than 10000 characters").hasSizeLessThan(300);
  }
}
