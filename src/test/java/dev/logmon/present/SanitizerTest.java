package dev.logmon.present;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text from the log must never reach a terminal as control characters. */
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

  @Test
  void clipCutsWithAnEllipsis() {
    assertThat(Sanitizer.clip("/abcdefghij", 5)).isEqualTo("/abc…");
    assertThat(Sanitizer.clip("/abc", 5)).isEqualTo("/abc");
    assertThat(Sanitizer.clean(null)).isEmpty();
  }
}
