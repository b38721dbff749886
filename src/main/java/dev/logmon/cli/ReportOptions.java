package dev.logmon.cli;

import dev.logmon.present.report.ReportPresenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The report and history options ({@code --report}, {@code --report-every}, {@code --persist}). */
final class ReportOptions {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Write a report of everything counted to FILE: .html (one self-contained page, opens"
              + " offline) or .json. Written at the end of a replay; when following, at exit and"
              + " every --report-every. Replaced atomically.")
  Path report;

  @Option(
      names = "--report-every",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1m",
      description =
          "When following, rewrite the --report this often, in seconds of log time (default:"
              + " ${DEFAULT-VALUE}).")
  Duration every;

  @Option(
      names = "--persist",
      description =
          "With --state: also keep the counts (per-minute history and lifetime tables, bounded) in"
              + " FILE.history, so a restart continues the numbers and a report covers the time"
              + " before it.")
  boolean persist;

  boolean enabled() {
    return report != null;
  }

  /** Why these options cannot run as given, or null. */
  String problem(Path state) {
    if (report != null) {
      String invalid = ReportPresenter.invalid(report);
      if (invalid != null) {
        return invalid;
      }
      Path dir = report.toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        return "--report: no such directory: " + dir;
      }
    }
    if (every.toSeconds() < 1 || every.toSeconds() > 86_400) {
      return "--report-every must be between 1s and 24h";
    }
    if (persist && state == null) {
      return "--persist keeps the history in the --state file's folder: give --state FILE too";
    }
    return null;
  }

  /** Where {@code --persist} keeps the history beside the state file. */
  static Path historyFile(Path state) {
    return state.resolveSibling(state.getFileName() + ".history");
  }
}
