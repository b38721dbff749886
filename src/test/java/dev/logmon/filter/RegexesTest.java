package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost bound of {@code ~}: RE2 patterns only, the size estimate is an upper bound of the real
 * program, large programs are refused before they are built, and the literal shortcuts match as RE2
 * does.
 */
class RegexesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "((a{100}){100}){100}",
        "(a{1000}){1000}",
        "(x{30}){30}(y{30}){30}",
        "[a-z]{1000}[0-9]{1000}",
      })
  void refusesLargePrograms(String regex) {
    assertThatThrownBy(() -> Regexes.compile(regex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("regular expression too large");
  }

  /** Patterns that take exponential time in a backtracking engine on 50,000 a's and a '!'. */
  @ParameterizedTest
  @ValueSource(strings = {"^(a+)+$", "^(a|aa)*$", "(a*)*b", "(?i)^(a|a?)+$"})
  void matchesInLinearTime(String regex) {
    Regexes.TextMatcher m = Regexes.compile(regex);
    assertThat(m.find("a".repeat(50_000) + "!")).isFalse();
    assertThat(m.find("a".repeat(50_000) + (regex.endsWith("b") ? "b" : ""))).isTrue();
  }

  @Property(tries = 5000)
  void estimateBoundsTheProgram(@ForAll("patterns") String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return;
    }
    assertThat(ProgramSize.estimate(regex)).as(regex).isGreaterThanOrEqualTo(p.programSize());
  }

  @Property(tries = 3000)
  @SuppressWarnings("UnnecessaryStringBuilder") // a CharSequence that is not a String
  void literalShortcutsMatchAsRe2Does(
      @ForAll("literalPatterns") String regex, @ForAll("texts") String text) {
    Regexes.TextMatcher shortcut = Regexes.literalMatcher(regex);
    assertThat(shortcut).as(regex).isNotNull();
    boolean re2 = Pattern.compile(regex).matcher(text).find();
    assertThat(shortcut.find(text)).as("%s on %s", regex, text).isEqualTo(re2);
    assertThat(shortcut.find(new StringBuilder(text))).isEqualTo(re2);
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars("ab.()[]{}|*+?^$\\dw0123456789,-:?iP<>").ofMaxLength(24);
  }

  @Provide
  Arbitrary<String> literalPatterns() {
    Arbitrary<String> body =
        Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab/-_ :#").ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("\\.", "\\/", "\\-", "\\?", "\\$", "\\\\"))
            .list()
            .ofMaxSize(4)
            .map(l -> String.join("", l));
    return body.flatMap(b -> Arbitraries.of(b, "^" + b, b + "$", "^" + b + "$"));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab/-_ :#.?$\\").ofMaxLength(10);
  }
}
