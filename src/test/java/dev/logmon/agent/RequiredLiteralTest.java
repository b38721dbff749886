package dev.logmon.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text every match of a pattern contains, which narrows the patterns to run on an agent. */
class RequiredLiteralTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      quoteCharacter = '`',
      textBlock =
          """
          Googlebot\\/                  # Googlebot/
          AdsBot-Google([^-]|$)         # AdsBot-Google
          [wW]get                       # get
          ^Seekbot                      # Seekbot
          Mail\\.RU_Bot                 # Mail.RU_Bot
          (sistrix|SISTRIX) [cC]rawler  # rawler
          BlogTraffic\\/\\d\\.\\d+ Feed-Fetcher # ` Feed-Fetcher`
          abc?de                        # ab
          abx*yz                        # ab
          ab+cd                         # ab
          a{2}bcd                       # bcd
          ab{0,2}cd                     # cd
          (?i)googlebot                 # ``
          bot|crawler                   # ``
          a.b                           # a
          (ab)?cde                      # cde
          """)
  void findsTheLongestRequiredText(String regex, String literal) {
    assertThat(RequiredLiteral.of(regex)).isEqualTo(literal == null ? "" : literal);
  }

  @Test
  void everyExampleOfTheListContainsItsPatternsLiteral() throws IOException {
    int withLiteral = 0;
    for (JsonNode entry : CrawlersTest.listJson()) {
      String literal = RequiredLiteral.of(entry.get("pattern").asText());
      if (literal.length() >= 3) {
        withLiteral++;
      }
      for (JsonNode instance : entry.path("instances")) {
        assertThat(instance.asText()).as(entry.get("pattern").asText()).contains(literal);
      }
    }
    assertThat(withLiteral).as("patterns indexed by their literal").isGreaterThan(1400);
  }
}
