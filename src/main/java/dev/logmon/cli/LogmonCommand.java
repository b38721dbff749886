package dev.logmon.cli;

import dev.logmon.alert.AlertRule;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.present.Sanitizer;
import dev.logmon.source.GlobPattern;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code logmon} command line: options, validation, and the choice of run mode. */
@Command(
    name = "logmon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    subcommands = {GenerateCommand.class},
    description = {
      "Watches HTTP access logs (Common/Combined Log Format) and reports traffic and"
          + " high-traffic alerts, live or in replay.",
      "",
      "Alert: when the average hits/s over the last --window exceeds --threshold, prints at once"
          + " 'High traffic generated an alert - hits = {value}, triggered at {time}', where value"
          + " is that window average in hits/s; and 'High traffic alert recovered - hits = {value},"
          + " recovered at {time}' when it is back at or below the threshold.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (also after Ctrl-C / SIGTERM)",
      "1:runtime error (e.g. a replayed file that cannot be read to its end)",
      "2:bad option or argument"
    })
public final class LogmonCommand implements Callable<Integer> {
  static final Path DEFAULT_FILE = Path.of("/tmp/access.log");

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description =
          "Access logs to watch, each by its own watcher (default: /tmp/access.log, unless"
              + " --syslog or --kafka brings the lines). A file that"
              + " does not exist yet is waited for. A quoted glob ('/var/log/nginx/access.log*')"
              + " follows each matching file by identity, rotated names included, and picks up"
              + " files created later; '-' reads standard input.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--from-start",
      description =
          "Read what the files already hold first (default: follow from the end, like tail -f).")
  boolean fromStart;

  @Option(
      names = "--replay",
      description =
          "Read the files start to end as fast as possible, time driven by the log's own"
              + " timestamps; print every report and alert as it would have happened, a summary,"
              + " and exit. Gzip files are read too, and the files oldest first (by their first"
              + " timestamps).")
  boolean replay;

  @Option(
      names = {"-i", "--interval"},
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description =
          "Time between reports, each covering that much traffic (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = {"-w", "--window"},
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "2m",
      description =
          "The alert window: the alert value is the average hits/s over it (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = {"-t", "--threshold"},
      paramLabel = "HITS_PER_S",
      defaultValue = "10",
      description =
          "Alert when the window's average hits/s exceeds this (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--alert",
      paramLabel = "RULE",
      defaultValue = "absolute",
      description =
          "absolute: the window average exceeds the threshold; relative: it exceeds the lifetime"
              + " average by more than the threshold (default: ${DEFAULT-VALUE}).")
  String alertRule;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description =
          "auto (tui on a terminal, else plain), tui (full-screen dashboard; q quits), plain"
              + " (human text) or json (one object per line) (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "5",
      description = "Rows in each top table (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "BYTES",
      defaultValue = "65536",
      description = "Longer lines are counted as oversize, not parsed (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(
      names = "--poll",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "250ms",
      description = "How often files are checked for new lines (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--show-malformed",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Malformed lines quoted on stderr, with file and line number, before they are only counted (default: ${DEFAULT-VALUE}).")
  int showMalformed;

  @Option(
      names = "--demo",
      description =
          "Generate live traffic into a temporary file and monitor it, with a 30s window and 5s"
              + " interval (unless given) so an alert and its recovery show within about a minute.")
  boolean demo;

  // Log formats: see dev.logmon.parse.format and README "Log formats".
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description =
          "auto (detect per file, noted on stderr), a preset (common, combined, vhost_combined,"
              + " nginx, caddy, traefik, w3c), an Apache LogFormat string ('%%h %%l %%u %%t \"%%r\""
              + " %%>s %%b %%D'), an nginx log_format string ('$remote_addr ... $request_time') or"
              + " json[:KEY=PATH,...] (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--latency-threshold",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Also alert when the p95 request duration over the window exceeds this (e.g. 500ms);"
              + " needs a format with a duration (%%D, %%T, $request_time, ...).")
  Duration latencyThreshold;

  // Time you can trust: see docs/ARCHITECTURE.md, time model.
  @Option(
      names = "--max-future",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "5m",
      description =
          "A line stamped further ahead of the wall clock is counted as future (lifetime totals"
              + " only) and never moves time; in a replay, a line this far ahead of the log (or"
              + " the window, if shorter) moves time only once the next lines confirm it"
              + " (default: ${DEFAULT-VALUE}).")
  Duration maxFuture;

  // Filters: see FilterOptions and docs/FILTERS.md.
  @CommandLine.Mixin FilterOptions filters = new FilterOptions();

  @Option(
      names = "--section-depth",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Path segments that make a section: 1 counts /api/v1/users under /api, 2 under /api/v1"
              + " (default: ${DEFAULT-VALUE}).")
  int sectionDepth;

  @Option(
      names = "--breakdowns",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Count the breakdowns: top paths, 404 and 5xx paths, status codes, user agents by"
              + " family, referring sites, sections per virtual host (default: on;"
              + " --no-breakdowns for the plain counts only).")
  boolean breakdowns = true;

  // Web dashboard (--web, --web-token): see WebOptions.
  @CommandLine.Mixin WebOptions web = new WebOptions();

  // Network inputs (--syslog, --kafka): see SyslogOptions and KafkaOptions.
  @CommandLine.Mixin SyslogOptions syslog = new SyslogOptions();

  @CommandLine.Mixin KafkaOptions kafka = new KafkaOptions();

  // Reports and persisted history: see ReportOptions.
  @CommandLine.Mixin ReportOptions reports = new ReportOptions();

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Remember each file's identity and position in FILE (saved every 5s and at exit) and"
              + " resume from there on restart: no line lost or counted twice, even if the file"
              + " was rotated (renamed) in between; with a glob covering the rotated names, however"
              + " many times.")
  Path state;

  // Config files: see Configuration and README "Config file".
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Read options from FILE ('name = value' lines, e.g. 'exclude = path ~ \"^/health\"')"
              + " instead of /etc/logmon/logmon.conf and ~/.config/logmon/logmon.conf; options"
              + " given on the command line win.")
  Path config;

  @Option(
      names = "--print-config",
      description = "Print the settings in effect, as a config file, and exit.")
  boolean printConfig;

  /**
   * Where each setting taken from a config file was written, by option name ({@code FILE:LINE}).
   */
  Map<String, String> origins = Map.of();

  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;

  /** For picocli's tools that build the man page and completion script from this model. */
  LogmonCommand() {
    this(System.out, System.err, InstantSource.system());
  }

  LogmonCommand(PrintStream out, PrintStream err, InstantSource clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /**
   * The command line, wired to the process's streams, clock and config files, with logmon's exit
   * codes.
   */
  public static CommandLine commandLine() {
    return commandLine(
        System.out, System.err, InstantSource.system(), ConfigLocations.of(System.getenv()));
  }

  /**
   * A command line reading the config files {@code configs} lists ({@code NONE}: only --config).
   */
  static CommandLine commandLine(
      PrintStream out, PrintStream err, InstantSource clock, ConfigLocations configs) {
    CommandLine cl = new CommandLine(new LogmonCommand(out, err, clock));
    cl.setExecutionStrategy(new Configuration(configs));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new java.io.PrintWriter(out, true, java.nio.charset.Charset.defaultCharset()));
    cl.setErr(new java.io.PrintWriter(err, true, java.nio.charset.Charset.defaultCharset()));
    // A bad option is one line naming it, not the whole usage text, which would bury it.
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("logmon: " + messageOf(ex) + " (see --help)");
          return CommandLine.ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("logmon: " + messageOf(ex));
          return 1;
        });
    return cl;
  }

  /** The exception's message, sanitised: it may name a file, and file names come from outside. */
  private static String messageOf(Exception ex) {
    String m = ex.getMessage();
    return Sanitizer.clean(m == null || m.isBlank() ? ex.toString() : m);
  }

  @Override
  public Integer call() throws Exception {
    validate();
    if (printConfig) {
      out.print(ConfigPrinter.print(this, spec.commandLine().getParseResult()));
      out.flush();
      return 0;
    }
    output = output.resolve();
    RunModes runs = new RunModes(this, out, err, clock);
    if (demo) {
      return runs.demo();
    }
    // With a network input, files are watched only if named.
    List<Path> paths = files.isEmpty() && !networkInput() ? List.of(DEFAULT_FILE) : files;
    return replay ? runs.replay(paths) : runs.follow(paths, fromStart);
  }

  private void validate() {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw usage("--threshold must be a number >= 0, got " + threshold);
    }
    try {
      AlertRule.named(alertRule);
    } catch (IllegalArgumentException e) {
      throw usage("--alert: " + e.getMessage());
    }
    if (top < 1 || top > 1000) {
      throw usage("--top must be between 1 and 1000, got " + top);
    }
    if (sectionDepth < 1 || sectionDepth > 16) {
      throw usage("--section-depth must be between 1 and 16, got " + sectionDepth);
    }
    try {
      filters.filters();
    } catch (IllegalArgumentException e) {
      throw usage("--exclude: " + e.getMessage());
    }
    if (maxLineBytes < 256) {
      throw usage("--max-line-bytes must be at least 256, got " + maxLineBytes);
    }
    if (showMalformed < 0) {
      throw usage("--show-malformed must be >= 0, got " + showMalformed);
    }
    if (window.toSeconds() < 1 || interval.toSeconds() < 1) {
      throw usage("--window and --interval must be at least 1s");
    }
    if (window.toSeconds() > 86_400 || interval.toSeconds() > 86_400) {
      throw usage("--window and --interval must be at most 24h");
    }
    if (maxFuture.toSeconds() < 1 || maxFuture.toSeconds() > 86_400) {
      throw usage("--max-future must be between 1s and 24h");
    }
    if (demo && (replay || !files.isEmpty())) {
      throw usage("--demo makes its own log file; give no FILE and no --replay");
    }
    if (web.problem() != null) {
      throw usage(web.problem());
    }
    if (kafka.problem() != null) {
      throw usage(kafka.problem());
    }
    if (networkInput() && (replay || demo)) {
      throw usage("--syslog and --kafka read live lines; they do not go with --replay or --demo");
    }
    if (state != null && (replay || demo)) {
      throw usage("--state applies to following files, not to --replay or --demo");
    }
    if (reports.problem(state) != null) {
      throw usage(reports.problem(state));
    }
    String stateProblem = state == null ? null : StatePath.problem(state);
    if (stateProblem != null) {
      throw usage(stateProblem);
    }
    if (!output.usable()) {
      throw usage(
          "--output tui needs a terminal, and standard output is not one"
              + " (use --output plain or json)");
    }
    try {
      LogFormats.parser(format, m -> {});
    } catch (IllegalArgumentException e) {
      throw usage("--format: " + e.getMessage());
    }
    for (Path f : files) {
      if (!replay && RunModes.isGlob(f.toString())) {
        try {
          GlobPattern.compile(f.toString());
        } catch (IllegalArgumentException e) {
          throw usage(e.getMessage());
        }
      }
    }
  }

  /** Whether lines also come from the network (syslog, Kafka), not only from files. */
  boolean networkInput() {
    return syslog.enabled() || kafka.enabled();
  }

  /** A usage error; one about an option set in a config file says where it was set. */
  private CommandLine.ParameterException usage(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^--([a-z-]+)").matcher(message);
    String where = m.find() ? origins.get(m.group(1)) : null;
    return new CommandLine.ParameterException(
        spec.commandLine(), where == null ? message : where + ": " + message);
  }
}
