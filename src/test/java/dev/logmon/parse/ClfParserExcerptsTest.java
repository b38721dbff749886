package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parses whole excerpt files from {@code src/test/resources/logs} (see NOTICE.md there) and checks
 * the outcome counts, which were counted independently with grep when the excerpts were cut.
 */
class ClfParserExcerptsTest {
  private static final ClfParser PARSER = new ClfParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # file,                          lines, parsed, bad request field, requestMalformed, vhost, CLF, IPv6 host, size -
          elastic_examples_2015_excerpt.log, 60,    46,     14,                0,                0,     0,   0,         13
          basjes_hackers_2015_excerpt.log,   41,    41,     0,                 0,                0,     0,   12,        0
          synthetic_odd_shapes.log,          22,    21,     1,                 9,                8,     3,   2,         0
          """)
  void countsOutcomes(
      String file,
      int lines,
      int parsed,
      int badRequestField,
      int requestMalformed,
      int vhost,
      int clf,
      int ipv6,
      int dashSizes)
      throws IOException {
    List<String> all = lines(file);
    Map<MalformedReason, Integer> reasons = new EnumMap<>(MalformedReason.class);
    List<LogRecord> records = new ArrayList<>();
    for (String line : all) {
      ParseResult result = PARSER.parse(line);
      if (result instanceof ParseResult.Parsed p) {
        records.add(p.record());
      } else {
        reasons.merge(((ParseResult.Malformed) result).reason(), 1, Integer::sum);
      }
    }

    assertThat(all).hasSize(lines);
    assertThat(records).hasSize(parsed);
    assertThat(reasons)
        .isEqualTo(
            badRequestField == 0
                ? Map.of()
                : Map.of(MalformedReason.BAD_REQUEST_FIELD, badRequestField));
    assertThat(records).filteredOn(LogRecord::requestMalformed).hasSize(requestMalformed);
    assertThat(records).filteredOn(r -> r.vhost() != null).hasSize(vhost);
    assertThat(records).filteredOn(r -> r.userAgent() == null).hasSize(clf);
    assertThat(records).filteredOn(r -> r.host().contains(":")).hasSize(ipv6);
    // Size "-" parses as 0 bytes; the only logged 0 sizes in these files are on malformed requests.
    assertThat(records).filteredOn(r -> r.bytes() == 0 && !r.requestMalformed()).hasSize(dashSizes);
  }

  /** Splits on '\n' only, unlike BufferedReader, so that CRLF lines reach the parser with '\r'. */
  private static List<String> lines(String file) throws IOException {
    String text;
    try (InputStream in = ClfParserExcerptsTest.class.getResourceAsStream("/logs/" + file)) {
      assertThat(in).as(file).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.add(text.substring(start, nl));
      start = nl + 1;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
