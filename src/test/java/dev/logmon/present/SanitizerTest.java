package dev.logmon.present;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text from the log must never reach a terminal as control characters, nor as characters that
 * change the text's direction or hide it.
 */
class SanitizerTest {
  @Test
  void oscTitleAndClearScreenBecomeVisibleText() {
    String path = "/x\u001b]0;pwned\u0007/y\u001b[2J";
    String clean = Sanitizer.clean(path);
    assertThat(clean).isEqualTo("/x\\x1b]0;pwned\\x07/y\\x1b[2J");
    assertThat(clean.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "'a\rb', 'a\\x0db'",
    "'a\bb', 'a\\x08b'",
    "'\u009b31m', '\\x9b31m'",
    "'\u007f', '\\x7f'",
    "'plain /path?q=1', 'plain /path?q=1'",
    "'ünïcödé ok', 'ünïcödé ok'"
  })
  void controlCharactersAreEscaped(String in, String out) {
    assertThat(Sanitizer.clean(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({
    // right-to-left override, the classic "makes the line read backwards" trick
    "'/admin\u202Egpj.exe', '/admin\\u202egpj.exe'",
    // bidi embeddings, isolates and marks
    "'a\u202Ab\u202Bc\u202Cd\u202De', 'a\\u202ab\\u202bc\\u202cd\\u202de'",
    "'a\u2066b\u2067c\u2068d\u2069e', 'a\\u2066b\\u2067c\\u2068d\\u2069e'",
    "'a\u200Eb\u200Fc\u061Cd', 'a\\u200eb\\u200fc\\u061cd'",
    // zero-width space, non-joiner, joiner, word joiner, byte order mark, soft hyphen
    "'ad\u200Bmin', 'ad\\u200bmin'",
    "'a\u200Cb\u200Dc\u2060d\uFEFFe\u00ADf', 'a\\u200cb\\u200dc\\u2060d\\ufeffe\\u00adf'",
    // line and paragraph separators, variation selector, Hangul filler
    "'a\u2028b\u2029c', 'a\\u2028b\\u2029c'",
    "'a\uFE0Fb\u3164c', 'a\\ufe0fb\\u3164c'"
  })
  void invisibleAndDirectionCharactersAreEscaped(String in, String out) {
    assertThat(Sanitizer.clean(in)).isEqualTo(out);
  }

  @Test
  void supplementaryCharactersAreJudgedWhole() {
    // Tag characters (U+E0000 block) spell hidden ASCII; an emoji is a visible pair and stays.
    String tags =
        "/x" + new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0001));
    assertThat(Sanitizer.clean(tags)).isEqualTo("/x\\U000e0041\\U000e0001");
    String emoji = "/\uD83D\uDE00/ok";
    assertThat(Sanitizer.clean(emoji)).isSameAs(emoji);
    // A lone surrogate (no character at all) is shown, not passed on to the terminal.
    assertThat(Sanitizer.clean("a\uD800b\uDC00")).isEqualTo("a\\ud800b\\udc00");
  }

  @Property
  void cleanTextHasNothingUnsafeAndCleaningAgainChangesNothing(@ForAll String s) {
    String c = Sanitizer.clean(s);
    assertThat(c.codePoints().noneMatch(Sanitizer::isUnsafe)).isTrue();
    assertThat(Sanitizer.clean(c)).isEqualTo(c);
  }

  @Test
  void everyFormatCharacterIsUnsafe() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.getType(cp) == Character.FORMAT) {
        assertThat(Sanitizer.isUnsafe(cp)).as("U+%04X", cp).isTrue();
      }
    }
    assertThat(Sanitizer.isUnsafe('a')).isFalse();
    assertThat(Sanitizer.isUnsafe('\u00e9')).isFalse();
    assertThat(Sanitizer.isUnsafe(0x1F600)).isFalse();
  }

  @Test
  void clipCutsWithAnEllipsis() {
    assertThat(Sanitizer.clip("/abcdefghij", 5)).isEqualTo("/abc…");
    assertThat(Sanitizer.clip("/abc", 5)).isEqualTo("/abc");
    assertThat(Sanitizer.clean(null)).isEmpty();
  }
}
