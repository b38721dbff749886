package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every filter the documentation shows an operator parses, as written there. */
class DocumentedFiltersTest {
  private static final Pattern OPTION = Pattern.compile("--(?:include|exclude) '([^']*)'");
  private static final Pattern CONFIG_LINE =
      Pattern.compile("(?m)^#? ?(?:include|exclude) = (.*)$");

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/FILTERS.md", "src/dist/etc/logmon.conf"})
  void documentedFiltersParse(String file) throws Exception {
    String text = Files.readString(Path.of(file));
    List<String> rules = new ArrayList<>();
    for (Pattern p : List.of(OPTION, CONFIG_LINE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        rules.add(m.group(1));
      }
    }
    rules.removeIf(r -> r.equals("path ~")); // the documented error
    assertThat(rules).hasSizeGreaterThanOrEqualTo(3);
    for (String rule : rules) {
      Rule parsed = FilterParser.parseRule(rule);
      assertThat(FilterParser.parseRule(parsed.print())).as(rule).isEqualTo(parsed);
    }
  }
}
