package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter language: what parses to what (in canonical form), and where a bad one is wrong. */
class FilterParserTest {
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          path ~ "^/health"                      | path ~ "^/health"
          path ~ ^/health                        | path ~ "^/health"
          ip in 10.0.0.0/8                       | ip in [10.0.0.0/8]
          status in [301, 302]                   | status in [301, 302]
          status in [301,302,]                   | status in [301, 302]
          STATUS IN [5XX]                        | status in [5xx]
          status == 5xx or status == 404         | status == 5xx or status == 404
          status>=500                            | status >= 500
          method == GET and not path ~ '\\.css$' | method == "GET" and not path ~ "\\.css$"
          method in [GET, 'HEAD', "POST"]        | method in ["GET", "HEAD", "POST"]
          (a == b)                               | ERROR
          not (status < 400 or bytes > 1000)     | not (status < 400 or bytes > 1000)
          (status < 400 or bytes > 1000) and method == GET | (status < 400 or bytes > 1000) and method == "GET"
          status < 400 or bytes > 1000 and method == GET | status < 400 or bytes > 1000 and method == "GET"
          status == 200 or (status == 201 or status == 202) | status == 200 or (status == 201 or status == 202)
          not not status == 200                  | not not status == 200
          duration > 1.5s                        | duration > 1500ms
          duration >= 250ms and duration < 800us | duration >= 250ms and duration < 800us
          duration == 2000000us                  | duration == 2s
          ip == 192.0.2.1                        | ip == 192.0.2.1
          ip == 192.0.2.1/32                     | ip == 192.0.2.1
          ip in [2001:DB8::/32, ::ffff:10.0.0.0/104] | ip in [2001:db8::/32, ::ffff:10.0.0.0/104]
          ip == ::ffff:192.0.2.1                 | ip == ::ffff:192.0.2.1
          ip == crawl.example.org                | ip == "crawl.example.org"
          ip not in [10.0.0.0/8, 172.16.0.0/12]  | ip not in [10.0.0.0/8, 172.16.0.0/12]
          agent !~ "(?i)bot"                     | agent !~ "(?i)bot"
          referrer == -                          | referrer == "-"
          section == /api                        | section == "/api"
          vhost == "shop.example.com"            | vhost == "shop.example.com"
          bytes in [0]                           | bytes in [0]
          agent == "say \\"hi\\"\\t"             | agent == "say \\"hi\\"\\t"
          """)
  void parsesToCanonicalForm(String expression, String canonical) {
    if (canonical.equals("ERROR")) {
      assertThatThrownBy(() -> FilterParser.parse(expression))
          .isInstanceOf(FilterSyntaxException.class);
      return;
    }
    Expr e = FilterParser.parse(expression);
    assertThat(e.print()).isEqualTo(canonical);
    assertThat(FilterParser.parse(e.print())).isEqualTo(e);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      textBlock =
          """
          path ~                        # 7  # expected a regular expression after '~', found the end
          ``                            # 1  # empty expression
          `   `                         # 4  # empty expression
          stats == 200                  # 1  # unknown field 'stats' (fields: ip, status, method, path, section, vhost, agent, referrer, bytes, duration)
          status = 200                  # 8  # '=' is not an operator; write '==' to compare
          status == 200 && bytes > 0    # 15 # '&&' is not an operator; write 'and'
          status == 200 || bytes > 0    # 15 # '||' is not an operator; write 'or'
          ! status == 200               # 1  # '!' is not an operator; write 'not', '!=' or '!~'
          status == abc                 # 11 # status takes a whole number or a class like 5xx, not 'abc'
          status == "404"               # 11 # status takes a whole number or a class like 5xx, not the string "404"
          status == 42                  # 11 # status codes are 100 to 999, not 42
          status < 5xx                  # 10 # '<' needs a number, not a status class
          bytes == 5xx                  # 10 # bytes takes a whole number, not '5xx'
          method < GET                  # 8  # '<' orders numbers and durations; method is text
          status ~ "5.."                # 8  # '~' matches text; status is a number
          duration > 500                # 12 # duration takes a time with a unit (800us, 250ms, 1.5s), not '500'
          duration > 0.5us              # 12 # durations are counted in whole microseconds, not 0.5us
          ip in 10.0.0.1/8              # 7  # '10.0.0.1/8' has bits set past its prefix; the block is 10.0.0.0/8
          ip in 10.0.0/8                # 7  # '10.0.0/8' is not an IPv4 or IPv6 address or CIDR block
          ip in 10.0.0.0/33             # 7  # '10.0.0.0/33' needs a prefix length of 0 to 32 after '/'
          ip == 10.0.0.256              # 7  # '10.0.0.256' is not an IPv4 or IPv6 address or CIDR block
          ip in 2001:db8::/129          # 7  # '2001:db8::/129' needs a prefix length of 0 to 128 after '/'
          ip in []                      # 8  # expected a value for ip, found ']'
          ip in [10.0.0.0/8             # 18 # expected ',' or ']' in the list, found the end
          (status == 200                # 15 # expected ')' to close the '(' at column 1, found the end
          status == 200)                # 14 # unexpected ')' without a '(' before it
          status == 200 404             # 15 # unexpected '404'; join conditions with 'and' or 'or'
          path ~ "(a"                   # 8  # bad regular expression: missing closing )
          path ~ "(a)\\1"               # 8  # bad regular expression: invalid escape sequence
          path ~ "(?=a)"                # 8  # bad regular expression: invalid or unsupported Perl syntax
          path ~ "((a{100}){100})"      # 8  # regular expression too large
          agent == "open                # 10 # unterminated string
          agent == "\\u12"              # 11 # \\u needs four hex digits
          path == /a and                # 15 # expected a field (ip, status, method, path, section, vhost, agent, referrer, bytes, duration), found the end
          status                        # 7  # expected an operator (==, !=, <, <=, >, >=, ~, !~, in, not in) after 'status', found the end
          method == GÉT                 # 12 # unexpected character U+00C9; put text that is not ASCII in quotes
          method == G\u0001ET           # 12 # unexpected character U+0001
          """)
  void reportsTheColumnOfTheProblem(String expression, int column, String reason) {
    assertThatThrownBy(() -> FilterParser.parse(expression))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).startsWith(reason);
              assertThat(e.getMessage())
                  .isEqualTo(e.reason() + " at column " + column + ": " + expression)
                  .doesNotContain("\n");
            });
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          health: path ~ "^/health"    | health | path ~ "^/health"
          ` no-bots :agent ~ bot`      | ERROR  |
          no_bots:agent ~ bot          | no_bots | agent ~ "bot"
          path ~ "^/health"            |        | path ~ "^/health"
          ip == ::1                    |        | ip == ::1
          """)
  void rulesMayHaveAName(String text, String name, String expression) {
    if ("ERROR".equals(name)) {
      assertThatThrownBy(() -> FilterParser.parseRule(text))
          .isInstanceOf(FilterSyntaxException.class);
      return;
    }
    Rule r = FilterParser.parseRule(text);
    assertThat(r.name()).isEqualTo(name);
    assertThat(r.expr().print()).isEqualTo(expression);
    assertThat(FilterParser.parseRule(r.print())).isEqualTo(r);
  }

  @org.junit.jupiter.api.Test
  void boundsLengthAndNesting() {
    assertThatThrownBy(() -> FilterParser.parse("(".repeat(65) + "status == 200" + ")".repeat(65)))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> assertThat(e.reason()).isEqualTo("nested more than 64 deep"));
    assertThatThrownBy(() -> FilterParser.parse("not ".repeat(100) + "status == 200"))
        .isInstanceOf(FilterSyntaxException.class);
    assertThatThrownBy(() -> FilterParser.parse("x".repeat(10_001)))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(10_001);
              assertThat(e.getMessage())
                  .isEqualTo("longer than 10000 characters at column 10001: …" + "x".repeat(100));
            });
    assertThat(FilterParser.parse("(".repeat(64) + "status == 200" + ")".repeat(64)).print())
        .isEqualTo("status == 200");
  }

  /** The longest expression allowed, a chain of 700 conditions, compiles and tests a line. */
  @org.junit.jupiter.api.Test
  void theLongestExpressionsCompileAndRun() {
    StringBuilder b = new StringBuilder("status == 200");
    while (b.length() < FilterParser.MAX_LENGTH - 20) {
      b.append(" and bytes != ").append(b.length());
    }
    Expr e = FilterParser.parse(b.toString());
    LineTest t = FilterCompiler.compile(e);
    assertThat(t.test(TestLine.of("192.0.2.1", 200, "GET", "/").bytes(1))).isTrue();
    assertThat(t.test(TestLine.of("192.0.2.1", 404, "GET", "/").bytes(1))).isFalse();
    assertThat(FilterParser.parse(e.print())).isEqualTo(e);
  }

  /**
   * A long expression's error shows the text around the column, not all of it, and stays one line
   * whatever the expression holds.
   */
  @org.junit.jupiter.api.Test
  void errorsInLongExpressionsShowTheTextAroundTheColumn() {
    String text = "path == \"a\nb\" and " + "status == 200 and ".repeat(100) + "stats == 1";
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.column()).isEqualTo(text.length() - 9);
              assertThat(e.getMessage())
                  .startsWith("unknown field 'stats'")
                  .endsWith(
                      " at column " + e.column() + ": …" + text.substring(text.length() - 100))
                  .doesNotContain("\n");
            });
  }
}
