package dev.logmon.cli;

import dev.logmon.present.Sanitizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code --print-config}: the settings in effect, written as a config file that reads back to the
 * same settings ({@code logmon --print-config > my.conf}). Each setting that came from a config
 * file is preceded by a comment naming its file and line; options without a value are commented.
 */
final class ConfigPrinter {
  private static final Set<String> NOT_SETTINGS =
      Set.of("config", "print-config", "help", "version");

  private ConfigPrinter() {}

  static String print(LogmonCommand command, ParseResult parsed) {
    StringBuilder b = new StringBuilder();
    b.append("# logmon settings in effect: the command line, then config files, then defaults.\n");
    for (OptionSpec o : parsed.commandSpec().options()) {
      String key = o.longestName().substring(2);
      if (NOT_SETTINGS.contains(key)) {
        continue;
      }
      from(command, key, b);
      List<String> values = values(o, parsed);
      if (values.isEmpty()) {
        b.append("# ").append(key).append(" =\n");
      }
      for (String v : values) {
        b.append(key).append(" = ").append(Sanitizer.clean(v)).append('\n');
      }
    }
    from(command, "file", b);
    if (command.files.isEmpty()) {
      b.append("# file =   (none given: ").append(LogmonCommand.DEFAULT_FILE).append(")\n");
    }
    for (Path f : command.files) {
      b.append("file = ").append(Sanitizer.clean(f.toString())).append('\n');
    }
    return b.toString();
  }

  private static void from(LogmonCommand command, String key, StringBuilder b) {
    String where = command.origins.get(key);
    if (where != null) {
      b.append("# from ").append(where).append('\n');
    }
  }

  /** The option's values as written: given, or its default; a flag is true or false. */
  private static List<String> values(OptionSpec o, ParseResult parsed) {
    boolean given = parsed.hasMatchedOption(o);
    if (o.arity().max() == 0) {
      return List.of(given ? "true" : "false");
    }
    if (given) {
      return o.originalStringValues();
    }
    String d = o.defaultValue();
    return d == null ? List.of() : List.of(d);
  }
}
