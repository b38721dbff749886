package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The parser is total (any text parses or fails with {@link FilterSyntaxException}, nothing else),
 * and printing is faithful (a printed expression parses back to an equal one).
 */
class FilterParserProperties {
  private static final String GRAMMAR =
      " \t\"'\\()[],=!<>~&|:/.%-_*^$?+{}0123456789abcdefxXnotiASNDORstupmhvgyr";

  @Property(tries = 5000)
  void anyTextParsesOrIsASyntaxError(@ForAll("anyText") String text) {
    parseOrSyntaxError(text);
  }

  @Property(tries = 3000)
  void mutatedExpressionsParseOrAreSyntaxErrors(
      @ForAll("expressions") Expr e,
      @ForAll("grammarChar") char c,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 0, max = 3) int how) {
    String s = e.print();
    int at = where % (s.length() + 1);
    String mutated =
        switch (how) {
          case 0 -> s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1));
          case 1 -> s.substring(0, at) + c + s.substring(at);
          case 2 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1));
          default -> s.substring(0, at);
        };
    parseOrSyntaxError(mutated);
    parseOrSyntaxError("name: " + mutated);
  }

  @Property(tries = 3000)
  void printedExpressionsParseBackEqual(@ForAll("expressions") Expr e) {
    String printed = e.print();
    assertThat(printed).doesNotContain("\n", "\r");
    assertThat(FilterParser.parse(printed)).isEqualTo(e);
  }

  @Property(tries = 1000)
  void printedRulesParseBackEqual(@ForAll("expressions") Expr e, @ForAll("names") String name) {
    Rule r = new Rule(name, e);
    assertThat(FilterParser.parseRule(r.print())).isEqualTo(r);
  }

  @Property(tries = 3000)
  void canonicalFormIsAFixedPoint(@ForAll("anyText") String text) {
    Expr e;
    try {
      e = FilterParser.parse(text);
    } catch (FilterSyntaxException ok) {
      return;
    }
    assertThat(FilterParser.parse(e.print())).isEqualTo(e);
    assertThat(FilterParser.parse(e.print()).print()).isEqualTo(e.print());
  }

  private static void parseOrSyntaxError(String text) {
    try {
      Rule r = FilterParser.parseRule(text);
      assertThat(FilterParser.parseRule(r.print())).isEqualTo(r);
    } catch (FilterSyntaxException e) {
      assertThat(e.column()).isBetween(1, text.length() + 1);
      assertThat(e.reason()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Expr> expressions() {
    return ExprArbitraries.expressions();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(5)
            .map(s -> s + "-x_1"));
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(GRAMMAR).ofMaxLength(60),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.of(Field.class)
            .flatMap(
                f ->
                    Arbitraries.strings()
                        .withChars(GRAMMAR)
                        .ofMaxLength(30)
                        .map(rest -> f.key() + " " + rest)));
  }

  @Provide
  Arbitrary<Character> grammarChar() {
    return Arbitraries.oneOf(
        Arbitraries.chars().with(GRAMMAR.toCharArray()), Arbitraries.chars().all());
  }
}
