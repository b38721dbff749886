package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each field and operator on real lines of two public logs (the Apache-2.0 excerpts in
 * src/test/resources/logs), and the rules of a filter set: includes, excludes in order, crawlers.
 */
class FiltersTest {
  /**
   * A Combined Log Format line as filters see it, or null if it is not one: read by a regular
   * expression here rather than by logmon's parser, so these tests check filters against what the
   * line says, whatever form the ingest path's rows take.
   */
  private static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) \\S+ \\S+ \\[[^\\]]+\\] \"(\\S+) (\\S+)(?: [^\"]*)?\" (\\d{3}) (\\d+|-)"
              + "(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?$");

  private static final List<TestLine> ELASTIC = lines("elastic_examples_2015_excerpt.log");
  private static final List<TestLine> HACKERS = lines("basjes_hackers_2015_excerpt.log");

  /** Which lines of the excerpts (1-based, hits only) each expression selects. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      textBlock =
          """
          ip == 83.149.9.216                              # elastic # 1-10
          ip in 83.149.0.0/16 and path ~ "\\.png$"        # elastic # 1, 2, 6, 9, 10
          ip in 2001:41d0::/32                            # hackers # 18-23
          ip in ::ffff:0:0/96                             # hackers # 1-17, 24-35
          ip not in [0.0.0.0/0]                           # hackers # 18-23, 36-41
          status in [301, 302]                            # elastic # 37
          status == 4xx                                   # elastic # 20, 30, 31
          status >= 500                                   # elastic # 19, 22, 47
          method == HEAD                                  # elastic # 17, 18
          method != GET                                   # elastic # 17, 18, 29, 30, 31, 47
          path == "/robots.txt"                           # elastic # 11, 12, 14, 16, 26, 39, 43
          section == /presentations and bytes > 200000    # elastic # 1, 6, 10
          agent ~ "(?i)bot"                               # elastic # 14, 15, 16, 19, 22, 39, 44, 56, 59
          referrer ~ "^http://semicomplete\\.com/presentations/" # elastic # 1-10, 25
          agent == "-"                                    # elastic # 30, 31
          referrer == "-" and agent ~ Googlebot           # elastic # 15, 19, 22, 59
          bytes == 0                                      # elastic # 11-19, 22, 26, 39, 43
          vhost == ""                                     # elastic # all
          duration > 1ms                                  # elastic # none
          """)
  void selectsTheExpectedLines(String expression, String log, String expected) {
    List<TestLine> lines = log.equals("elastic") ? ELASTIC : HACKERS;
    LineTest t = FilterCompiler.compile(FilterParser.parse(expression));
    List<Integer> selected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) != null && t.test(lines.get(i))) {
        selected.add(i + 1);
      }
    }
    assertThat(selected).isEqualTo(numbers(expected, lines));
  }

  @Test
  void excludesCountUnderTheFirstRuleThatLeavesALineOut() {
    FilterSet set =
        FilterSet.of(
            List.of(FilterParser.parseRule("ip in 83.0.0.0/8 or ip in 66.249.0.0/16")),
            List.of(
                FilterParser.parseRule("images: path ~ \"\\.png$\""),
                FilterParser.parseRule("status != 200")),
            true);
    assertThat(set.labels()).containsExactly("include", "images", "status != 200", "crawlers");
    assertThat(set.fields())
        .containsExactlyInAnyOrder(Field.IP, Field.PATH, Field.STATUS, Field.AGENT);
    Filters filters = set.newFilters();
    TestLine browser =
        TestLine.of("83.149.9.216", 200, "GET", "/index.html").agent("Mozilla/5.0 Firefox/27.0");
    assertThat(filters.ruleOf(browser)).isEqualTo(Filters.COUNTED);
    assertThat(filters.ruleOf(TestLine.of("10.0.0.1", 200, "GET", "/a.png"))).isZero();
    assertThat(filters.ruleOf(TestLine.of("83.149.9.216", 404, "GET", "/a.png"))).isEqualTo(1);
    assertThat(filters.ruleOf(TestLine.of("83.149.9.216", 404, "GET", "/a.html"))).isEqualTo(2);
    TestLine googlebot =
        TestLine.of("66.249.73.135", 200, "GET", "/")
            .agent("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
    assertThat(filters.ruleOf(googlebot)).isEqualTo(3);
    assertThat(filters.ruleOf(googlebot.viewed())).isEqualTo(3);
    assertThat(filters.ruleOf(TestLine.of("66.249.73.135", 200, "GET", "/")))
        .isEqualTo(Filters.COUNTED);
  }

  @Test
  void crawlersAreLeftOutOfRealTraffic() {
    Filters filters = FilterSet.of(List.of(), List.of(), true).newFilters();
    List<Integer> robots = new ArrayList<>();
    for (int i = 0; i < ELASTIC.size(); i++) {
      if (ELASTIC.get(i) != null && filters.ruleOf(ELASTIC.get(i).viewed()) == 0) {
        robots.add(i + 1);
      }
    }
    // Sogou web spider, MojeekBot, Googlebot, MJ12bot, Tiny Tiny RSS, bingbot, AhrefsBot and
    // YandexBot; not distilator (18) nor UniversalFeedParser (60), which the list does not know.
    assertThat(robots).containsExactly(11, 12, 13, 14, 15, 16, 19, 22, 28, 39, 44, 56, 59);
  }

  @Test
  void noRulesCountEveryLine() {
    assertThat(FilterSet.NONE.isEmpty()).isTrue();
    assertThat(FilterSet.NONE.newFilters().ruleOf(ELASTIC.get(0))).isEqualTo(Filters.COUNTED);
  }

  @Test
  void labelsAreUnique() {
    Rule a = FilterParser.parseRule("x: status == 500");
    assertThatThrownBy(() -> FilterSet.of(List.of(), List.of(a, a), false))
        .hasMessage("the rule name 'x' is used twice or reserved");
    Rule crawlers = FilterParser.parseRule("crawlers: status == 500");
    assertThatThrownBy(() -> FilterSet.of(List.of(), List.of(crawlers), false))
        .hasMessage("the rule name 'crawlers' is used twice or reserved");
    Rule b = FilterParser.parseRule("status==500");
    Rule c = FilterParser.parseRule("status == 500");
    assertThatThrownBy(() -> FilterSet.of(List.of(), List.of(b, c), false))
        .hasMessage("the same rule is given twice: status == 500");
  }

  /** However many rules are given, what filters hold stays bounded. */
  @Test
  void boundsRulesAndCachedTests() {
    List<Rule> many = new ArrayList<>();
    for (int i = 0; i <= FilterSet.MAX_RULES; i++) {
      many.add(FilterParser.parseRule("bytes == " + i));
    }
    assertThatThrownBy(() -> FilterSet.of(many, List.of(), false))
        .hasMessage("more than 256 rules; join conditions with 'or' or 'in [...]'");
    assertThat(FilterSet.of(many.subList(0, 256), List.of(), false).labels()).hasSize(1);
    // Plain-text patterns and short lists keep no cache; other patterns and long lists do.
    String cheap =
        "path ~ \"^/health\" or agent ~ bot or method in [GET, HEAD] or vhost == a.example";
    String costly = "agent ~ \"(?i)bot\" or method in [GET, HEAD, PUT, POST, PATCH]";
    Rule twice = FilterParser.parseRule(costly + " or " + costly);
    List<Rule> rules = new ArrayList<>(List.of(FilterParser.parseRule(cheap)));
    for (int i = 0; i < 16; i++) {
      rules.add(FilterParser.parseRule("r" + i + ": " + twice.expr().print()));
    }
    assertThat(FilterSet.of(List.of(), rules, false).labels()).hasSize(17);
    rules.add(FilterParser.parseRule("one-more: path ~ \"a.b\""));
    assertThatThrownBy(() -> FilterSet.of(List.of(), rules, false))
        .hasMessageStartingWith(
            "the rules hold 65 regular expressions and lists of over four values, more than 64");
  }

  private static List<Integer> numbers(String spec, List<TestLine> lines) {
    if (spec.equals("none")) {
      return List.of();
    }
    if (spec.equals("all")) {
      return IntStream.rangeClosed(1, lines.size())
          .filter(i -> lines.get(i - 1) != null)
          .boxed()
          .toList();
    }
    List<Integer> out = new ArrayList<>();
    for (String part : spec.split(",\\s*")) {
      String[] range = part.split("-");
      int from = Integer.parseInt(range[0].trim());
      int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
      IntStream.rangeClosed(from, to).forEach(out::add);
    }
    return out;
  }

  /** The excerpt's lines as filters see them, null for a malformed line. */
  private static List<TestLine> lines(String file) {
    try {
      List<TestLine> out = new ArrayList<>();
      for (String line :
          Files.readAllLines(Path.of("src/test/resources/logs", file), StandardCharsets.UTF_8)) {
        Matcher m = COMBINED.matcher(line);
        out.add(m.matches() ? of(m) : null);
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TestLine of(Matcher m) {
    String target = m.group(3);
    int end = target.length();
    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) == '?' || target.charAt(i) == '#') {
        end = i;
        break;
      }
    }
    String path = target.substring(0, end);
    int slash = path.indexOf('/', 1);
    return new TestLine(
        m.group(1),
        Integer.parseInt(m.group(4)),
        m.group(2),
        path,
        slash < 0 ? path : path.substring(0, slash),
        null,
        m.group(7),
        m.group(6),
        m.group(5).equals("-") ? 0 : Long.parseLong(m.group(5)),
        -1);
  }
}
