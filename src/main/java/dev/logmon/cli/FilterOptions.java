package dev.logmon.cli;

import dev.logmon.filter.FilterParser;
import dev.logmon.filter.FilterSet;
import dev.logmon.filter.FilterSyntaxException;
import dev.logmon.filter.Rule;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that decide which lines count at all, mixed into {@link LogmonCommand}. */
final class FilterOptions {
  @Option(
      names = "--include",
      paramLabel = "EXPR",
      converter = RuleConverter.class,
      description =
          "Count only lines that match EXPR (repeatable: a line counts if it matches any). EXPR"
              + " tests fields (ip status method path section vhost agent referrer bytes duration)"
              + " with == != < <= > >= ~ (RE2 regex) and in [..], joined by and, or, not, (): e.g."
              + " 'ip in 10.0.0.0/8', 'vhost == shop.example.com and status >= 500'. NAME: EXPR"
              + " names the rule.")
  List<Rule> includes = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "EXPR",
      converter = RuleConverter.class,
      description =
          "Leave out lines that match EXPR (repeatable), e.g. 'path ~ \"^/health\"',"
              + " 'status in [301, 302]', 'monitoring: agent ~ \"(?i)pingdom\"'. Lines left out"
              + " are counted as filtered, by rule, in every output.")
  List<Rule> excludes = new ArrayList<>();

  @Option(
      names = "--ignore-crawlers",
      description =
          "Leave out robots (search engines, crawlers, monitors, HTTP libraries) by their"
              + " user agent, as the crawler-user-agents list knows them.")
  boolean ignoreCrawlers;

  /** The filters these options make; IllegalArgumentException if two rules share a label. */
  FilterSet filters() {
    return FilterSet.of(includes, excludes, ignoreCrawlers);
  }

  /** Parses a filter rule for picocli, with the column of a syntax error. */
  static final class RuleConverter implements CommandLine.ITypeConverter<Rule> {
    @Override
    public Rule convert(String value) {
      try {
        return FilterParser.parseRule(value);
      } catch (FilterSyntaxException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
