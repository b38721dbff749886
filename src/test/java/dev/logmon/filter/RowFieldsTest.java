package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ClfParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters read a parsed chunk's hits through {@link RowFields} as they read the same hits made
 * records: the fields a row holds, placeholders, a hit kept as a record, and lines that are not
 * hits.
 */
class RowFieldsTest {
  private static final String LINES =
      """
      192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET /api/v1/users?x=1 HTTP/1.0" 200 2326 "http://r.example/" "Mozilla/5.0"
      - - - [10/Oct/2000:13:55:37 -0700] "HEAD / HTTP/1.1" 404 -
      2001:db8::1 - - [10/Oct/2000:13:55:37 -0700] "-" 400 0
      192.0.2.2 - - [10/Oct/2000:13:55:38 -0700] "GET /caf\u00e9?q HTTP/1.0" 200 5 "-" "ExampleBot/1.0"
      not a log line
      """;

  private static ParsedLines parse(byte[] bytes) {
    ParsedLines lines = new ParsedLines();
    new ChunkParser(4096, RowParser.clf()).parse(bytes, 0, bytes.length, true, lines);
    return lines;
  }

  @Test
  void readsTheFieldsOfRowsAndRecords() {
    ParsedLines lines = parse(LINES.getBytes(StandardCharsets.UTF_8));
    RowFields rows = new RowFields();
    assertThat(lines.size()).isEqualTo(5);

    LineFields first = rows.at(lines, 0);
    assertThat(first.ip()).hasToString("192.0.2.1");
    assertThat(first.method()).hasToString("GET");
    assertThat(first.section()).hasToString("/api");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bytes()).isEqualTo(2326);
    assertThat(first.vhost()).isNull();
    assertThat(first.durationMicros()).isNegative();
    assertThat(first.path()).hasToString("/api/v1/users");
    assertThat(first.agent()).hasToString("Mozilla/5.0");
    assertThat(first.referrer()).hasToString("http://r.example/");

    LineFields second = rows.at(lines, 1);
    assertThat(second.ip()).hasToString("-");
    assertThat(second.method()).hasToString("HEAD");
    assertThat(second.section()).hasToString(lines.toRecord(1).section());
    assertThat(second.path()).hasToString("/");
    assertThat(second.agent()).isNull(); // Common format: no headers logged
    assertThat(second.referrer()).isNull();

    LineFields third = rows.at(lines, 2);
    assertThat(third.method()).hasToString("");
    assertThat(third.section()).hasToString(lines.toRecord(2).section());
    assertThat(third.path()).hasToString("");

    // Non-ASCII bytes: the hit is held as a record, which has every field.
    LineFields fourth = rows.at(lines, 3);
    assertThat(fourth).isInstanceOf(RecordFields.class);
    assertThat(fourth.path()).hasToString("/caf\u00e9");
    assertThat(fourth.agent()).hasToString("ExampleBot/1.0");
    assertThat(fourth.referrer()).hasToString("-");

    assertThatThrownBy(() -> rows.at(lines, 4)).hasMessage("line 4 of the chunk is not a hit");
  }

  /**
   * On real logs, every filter decides on a row as on the record the text oracle ({@code
   * ClfParser}) reads from the same line.
   */
  @Test
  void decidesAsOnRecords() throws Exception {
    List<String> expressions =
        List.of(
            "ip in 83.149.0.0/16",
            "ip in [2001:41d0::/32, ::ffff:0:0/96]",
            "ip ~ \"^(66|83)\\.\"",
            "ip == \"-\"",
            "status == 4xx or status >= 500",
            "method in [HEAD, POST] or method == \"\"",
            "section == /presentations and bytes > 200000",
            "section ~ \"^/(images|style)\"",
            "vhost == \"\"",
            "duration > 1ms or duration != 0us",
            "bytes in [0, 1, 2, 3, 4, 5]",
            "path ~ \"\\.(css|js|png)$\"",
            "path == /favicon.ico or path ~ \"^/images/\"",
            "agent ~ \"(?i)bot|spider\"",
            "agent == \"-\" or agent == \"\"",
            "referrer ~ \"^https?://[^/]*google\\.\"",
            "referrer == \"-\"");
    for (String log :
        List.of("elastic_examples_2015_excerpt.log", "basjes_hackers_2015_excerpt.log")) {
      ParsedLines lines = parse(Files.readAllBytes(Path.of("src/test/resources/logs", log)));
      RowFields rows = new RowFields();
      RecordFields records = new RecordFields();
      int hits = 0;
      for (String expression : expressions) {
        Expr e = FilterParser.parse(expression);
        LineTest onRows = FilterCompiler.compile(e);
        LineTest onRecords = FilterCompiler.compile(e);
        int selected = 0;
        for (int i = 0; i < lines.size(); i++) {
          byte outcome = lines.outcome(i);
          if (outcome > 0 || outcome == ParsedLines.OVERSIZE) {
            continue;
          }
          boolean expected = onRecords.test(records.at(oracle(lines, i)));
          assertThat(onRows.test(rows.at(lines, i)))
              .as(expression + " on line " + i)
              .isEqualTo(expected);
          selected += expected ? 1 : 0;
          hits++;
        }
        assertThat(selected).as(expression).isBetween(0, lines.size());
      }
      assertThat(hits).as(log).isGreaterThan(30 * expressions.size());
    }
  }

  /** Line {@code i} as the text oracle reads it. */
  private static LogRecord oracle(ParsedLines lines, int i) {
    ParseResult r = new ClfParser().parse(lines.text(i));
    return ((ParseResult.Parsed) r).record();
  }

  @Test
  void rowsProvideEveryField() {
    assertThat(RowFields.FIELDS).containsExactlyInAnyOrder(Field.values());
    assertThat(RecordFields.pathEnd("/a?b#c")).isEqualTo(2);
    assertThat(RecordFields.pathEnd("/a#c?b")).isEqualTo(2);
    assertThat(RecordFields.pathEnd("/a")).isEqualTo(2);
  }
}
