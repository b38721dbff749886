package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.LineBytes;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ChunkParser} with {@link ByteClfParser} (bytes) agrees with the oracle {@link ClfParser}
 * (the decoded text of each line) on every line, ASCII or not, valid UTF-8 or not: same outcome,
 * and for a hit the same fields that are counted.
 */
class ChunkParserProperties {
  private static final ClfParser REFERENCE = new ClfParser();
  private static final ChunkParser CHUNKS = new ChunkParser(65_536, RowParser.clf());
  private static final String GRAMMAR_CHARS =
      " \"[]\\-/:.+*?#0123456789GETHPSaxz\r\t\u0000%@\u00e9\u00a0\u3000\u00ff";

  @Property(tries = 3000)
  void anyTextParsesAlike(@ForAll("anyText") String line) {
    assertAlike(line);
  }

  @Property(tries = 2000)
  void generatedLinesParseAlike(@ForAll("lines") ClfParserProperties.Generated g) {
    assertAlike(g.line());
  }

  @Property(tries = 3000)
  void mutatedLinesParseAlike(
      @ForAll("lines") ClfParserProperties.Generated g,
      @ForAll("grammarChar") char c,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 0, max = 3) int how) {
    String s = g.line();
    int at = where % s.length();
    String mutated =
        switch (how) {
          case 0 -> s.substring(0, at) + c + s.substring(at + 1);
          case 1 -> s.substring(0, at) + c + s.substring(at);
          case 2 -> s.substring(0, at) + s.substring(at + 1);
          default -> s.substring(0, at);
        };
    assertAlike(mutated);
  }

  /** Lines with bytes that are not UTF-8 (a Latin-1 log, cut sequences) read as their text. */
  @Property(tries = 2000)
  void badBytesParseAlike(
      @ForAll("lines") ClfParserProperties.Generated g,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 0x80, max = 0xFF) int bad) {
    byte[] line = g.line().replace('\n', ' ').getBytes(StandardCharsets.UTF_8);
    line[where % line.length] = (byte) bad;
    assertAlike(line);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
        Arbitraries.strings().withChars(GRAMMAR_CHARS).ofMaxLength(200),
        Arbitraries.strings().all().ofMaxLength(100));
  }

  @Provide
  Arbitrary<Character> grammarChar() {
    return Arbitraries.of(GRAMMAR_CHARS.chars().mapToObj(c -> (char) c).toList());
  }

  @Provide
  Arbitrary<ClfParserProperties.Generated> lines() {
    return new ClfParserProperties().lines();
  }

  private static void assertAlike(String text) {
    assertAlike(text.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
  }

  private static void assertAlike(byte[] bytes) {
    // The line's text: one trailing \r dropped, UTF-8 decoded with U+FFFD for bad bytes.
    String line = LineBytes.decode(bytes, 0, bytes.length);
    String split = line;
    if (split.endsWith("\r")) {
      split = split.substring(0, split.length() - 1);
    }
    ParseResult expected = REFERENCE.parse(split);
    ParsedLines out = new ParsedLines();
    CHUNKS.parse(bytes, 0, bytes.length, true, out);
    if (bytes.length == 0) {
      assertThat(out.size()).isZero(); // an empty input has no line at all
      return;
    }
    assertThat(out.size()).isEqualTo(1);
    if (expected instanceof ParseResult.Malformed m) {
      assertThat(out.outcome(0)).as("outcome of %s", line).isPositive();
      assertThat(out.reason(0)).as("reason for %s", line).isEqualTo(m.reason());
      return;
    }
    LogRecord r = ((ParseResult.Parsed) expected).record();
    if (out.outcome(0) == ParsedLines.RECORD) {
      assertThat(out.record(0)).isEqualTo(RowLines.held(r));
      return;
    }
    assertThat(out.outcome(0)).as("outcome of %s", line).isEqualTo(ParsedLines.OK);
    byte[] b = out.buffer();
    assertThat(latin1(b, out.hostStart(0), out.hostEnd(0))).isEqualTo(r.host());
    assertThat(out.hostHash(0)).isEqualTo(r.host().hashCode());
    assertThat(out.second(0)).isEqualTo(r.epochSecond());
    assertThat(out.offsetSeconds(0)).isEqualTo(r.offsetSeconds());
    assertThat(out.status(0)).isEqualTo(r.status());
    assertThat(out.bytes(0)).isEqualTo(r.bytes());
    assertThat(out.requestMalformed(0)).isEqualTo(r.requestMalformed());
    assertThat(out.durationMicros(0)).isEqualTo(r.durationMicros());
    String vhost = out.vhostStart(0) < 0 ? null : latin1(b, out.vhostStart(0), out.vhostEnd(0));
    assertThat(vhost).as("vhost of %s", line).isEqualTo(r.vhost());
    if (vhost != null) {
      assertThat(out.vhostHash(0)).isEqualTo(vhost.hashCode());
    }
    String section =
        out.sectionPlaceholder(0) != null
            ? out.sectionPlaceholder(0)
            : latin1(b, out.sectionStart(0), out.sectionEnd(0));
    assertThat(section).as("section of %s", line).isEqualTo(r.section());
    if (out.sectionPlaceholder(0) == null) {
      assertThat(out.sectionHash(0)).isEqualTo(r.section().hashCode());
    }
    if (!r.requestMalformed()) {
      assertThat(latin1(b, out.methodStart(0), out.methodEnd(0))).isEqualTo(r.method());
      assertThat(out.methodHash(0)).isEqualTo(r.method().hashCode());
    }
  }

  private static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
