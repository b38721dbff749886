package dev.logmon.cli;

import dev.logmon.present.Sanitizer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Applies config files to a parsed command line (picocli's execution strategy for {@link
 * LogmonCommand}): the file's settings for every option the command line did not give are parsed
 * first, then the command line, so the command line wins, also for repeatable options (a {@code
 * --exclude} on the command line replaces every {@code exclude} of the file) and for the files to
 * watch ({@code file} lines count only when the command line names none). Each line is checked on
 * its own first, so an error names its file and line.
 */
final class Configuration implements CommandLine.IExecutionStrategy {
  private static final Set<String> NOT_IN_FILES =
      Set.of("config", "print-config", "help", "version");
  private final ConfigLocations locations;

  Configuration(ConfigLocations locations) {
    this.locations = locations;
  }

  @Override
  public int execute(ParseResult first) {
    CommandLine cl = first.commandSpec().commandLine();
    if (first.subcommand() != null
        || first.isUsageHelpRequested()
        || first.isVersionHelpRequested()) {
      return new CommandLine.RunLast().execute(first);
    }
    LogmonCommand command = cl.getCommand();
    List<ConfigFile.Entry> entries = entries(command.config, cl);
    if (entries.isEmpty()) {
      return new CommandLine.RunLast().execute(first);
    }
    Map<String, OptionSpec> options = new HashMap<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      options.put(o.longestName().substring(2), o);
    }
    List<String> args = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, ConfigFile.Entry> single = new HashMap<>();
    CommandLine alone = new CommandLine(new LogmonCommand());
    alone.setCaseInsensitiveEnumValuesAllowed(cl.isCaseInsensitiveEnumValuesAllowed());
    for (ConfigFile.Entry e : entries) {
      if (e.key().equals("file")) {
        files.add(path(e, cl));
        origins.putIfAbsent("file", e.where());
        continue;
      }
      OptionSpec o = options.get(e.key());
      if (o == null || !o.longestName().startsWith("--")) {
        throw error(cl, e, "unknown option '" + Sanitizer.clip(e.key(), 40) + "'");
      }
      if (NOT_IN_FILES.contains(e.key())) {
        throw error(cl, e, "'" + e.key() + "' cannot be set in a config file");
      }
      ConfigFile.Entry before = o.isMultiValue() ? null : single.put(e.key(), e);
      if (before != null) {
        String at =
            before.file().equals(e.file()) ? "on line " + before.line() : "at " + before.where();
        throw error(cl, e, "'" + e.key() + "' is already set " + at);
      }
      String arg = argument(o, e, cl);
      checkAlone(alone, arg, e, cl);
      if (first.hasMatchedOption(o)) {
        continue; // the command line wins
      }
      origins.putIfAbsent(e.key(), e.where());
      if (!arg.isEmpty()) {
        args.add(arg);
      }
    }
    args.addAll(first.originalArgs());
    ParseResult second = cl.parseArgs(args.toArray(String[]::new));
    if (command.files.isEmpty()) {
      command.files = files;
    } else {
      origins.remove("file");
    }
    command.origins = origins;
    return new CommandLine.RunLast().execute(second);
  }

  /** The files' entries, a later file's replacing an earlier one's for the same key. */
  private List<ConfigFile.Entry> entries(Path config, CommandLine cl) {
    List<List<ConfigFile.Entry>> files = new ArrayList<>();
    try {
      if (config != null) {
        files.add(ConfigFile.read(config, false));
      } else {
        for (Path p : locations.files()) {
          files.add(ConfigFile.read(p, true));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    Map<String, List<ConfigFile.Entry>> byKey = new LinkedHashMap<>();
    for (List<ConfigFile.Entry> file : files) {
      Map<String, List<ConfigFile.Entry>> own = new LinkedHashMap<>();
      file.forEach(e -> own.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
      byKey.putAll(own);
    }
    return byKey.values().stream().flatMap(List::stream).toList();
  }

  /** The entry as one argument: {@code --name=value}, a flag for true, nothing for false. */
  private static String argument(OptionSpec o, ConfigFile.Entry e, CommandLine cl) {
    if (o.arity().max() == 0) {
      return switch (e.value()) {
        case "true" -> o.longestName();
        case "false" -> "";
        default -> throw error(cl, e, "'" + e.key() + "' is true or false");
      };
    }
    return o.longestName() + "=" + e.value();
  }

  /** Converts the entry on a command of its own, so a bad value is reported at its line. */
  private static void checkAlone(
      CommandLine alone, String arg, ConfigFile.Entry e, CommandLine cl) {
    if (arg.isEmpty()) {
      return;
    }
    try {
      alone.parseArgs(arg);
    } catch (CommandLine.ParameterException ex) {
      throw error(cl, e, Sanitizer.clean(ex.getMessage()));
    }
  }

  private static Path path(ConfigFile.Entry e, CommandLine cl) {
    try {
      return Path.of(e.value());
    } catch (InvalidPathException ex) {
      throw error(cl, e, "not a file name: " + ex.getReason());
    }
  }

  private static CommandLine.ParameterException error(
      CommandLine cl, ConfigFile.Entry e, String message) {
    return new CommandLine.ParameterException(cl, e.where() + ": " + message);
  }
}
