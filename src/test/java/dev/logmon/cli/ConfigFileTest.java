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
          config = other.conf          | 1 | 'config' cannot be set in a config file
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
   * Until the ingest path applies them, filters refuse to run rather than count what they leave
   * out.
   */
  @Test
  void filtersAreRefusedUntilTheyAreApplied() throws Exception {
    assertThat(run("--exclude", "status == 404", "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "logmon: --exclude is not applied to counting yet; only --print-config shows it (see"
                + " --help)\n");
    Path conf = file("crawlers.conf", "ignore-crawlers = true\n");
    assertThat(run("--config", conf.toString(), "--replay", "/dev/null")).isEqualTo(2);
    assertThat(err()).startsWith("logmon: " + conf + ":1: --ignore-crawlers is not applied");
    assertThat(run("--section-depth", "2", "--replay", "/dev/null")).isEqualTo(2);
    assertThat(run("--section-depth", "1", "--replay", "/dev/null")).isZero();
  }
}
