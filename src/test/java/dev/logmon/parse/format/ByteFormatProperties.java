package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowLines;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A format string's byte parser ({@link ByteFormat}, through {@link ChunkParser}) agrees with the
 * oracle that reads the line as text ({@link TextFormat}) on every line: the same outcome and
 * reason, and for a hit the same counted fields (client, time, method, section, status, size,
 * duration, virtual host).
 */
class ByteFormatProperties {
  private static final String GRAMMAR_CHARS = " \"[]\\-/:.,+*?0123456789GETHPTZaxz\r\t";

  @Property(tries = 3000)
  void writtenLinesParseAlike(
      @ForAll("formats") String format,
      @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long second) {
    assertAlike(format, FormatLines.line(format, new Random(seed), second));
  }

  @Property(tries = 4000)
  void mutatedLinesParseAlike(
      @ForAll("formats") String format,
      @ForAll long seed,
      @ForAll("grammarChar") char c,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 0, max = 3) int how) {
    String s = FormatLines.line(format, new Random(seed), 1_700_000_000L + seed % 1000);
    if (s.isEmpty()) {
      return;
    }
    int at = where % s.length();
    String mutated =
        switch (how) {
          case 0 -> s.substring(0, at) + c + s.substring(at + 1);
          case 1 -> s.substring(0, at) + c + s.substring(at);
          case 2 -> s.substring(0, at) + s.substring(at + 1);
          default -> s.substring(0, at);
        };
    assertAlike(format, mutated);
  }

  @Property(tries = 2000)
  void anyTextParsesAlike(@ForAll("formats") String format, @ForAll("anyText") String line) {
    assertAlike(format, line);
  }

  @Provide
  Arbitrary<String> formats() {
    return Arbitraries.of(Arrays.asList(FormatLines.FORMATS));
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

  private static void assertAlike(String format, String text) {
    TextFormat reference = TextFormat.of(format);
    String line = text.replace('\n', ' ');
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    // What the line splitter hands the String parser: one trailing \r dropped.
    String split = new String(bytes, StandardCharsets.UTF_8);
    if (split.endsWith("\r")) {
      split = split.substring(0, split.length() - 1);
    }
    ParseResult expected = reference.parse(split);
    ParsedLines out = new ParsedLines();
    new ChunkParser(65_536, LogFormats.parser(format, n -> {}))
        .parse(bytes, 0, bytes.length, true, out);
    if (bytes.length == 0) {
      assertThat(out.size()).isZero();
      return;
    }
    assertThat(out.size()).isEqualTo(1);
    String what = format + "\n" + line;
    if (expected instanceof ParseResult.Malformed m) {
      assertThat(out.outcome(0)).as("outcome of %s", what).isPositive();
      assertThat(out.reason(0)).as("reason for %s", what).isEqualTo(m.reason());
      return;
    }
    LogRecord r = ((ParseResult.Parsed) expected).record();
    if (out.outcome(0) == ParsedLines.RECORD) {
      assertThat(FormatLines.joinsFields(format) || line.chars().anyMatch(ch -> ch >= 0x80))
          .as("record of %s", what)
          .isTrue();
      LogRecord got = out.record(0);
      if (!r.requestMalformed()) {
        assertThat(got.target()).as("target of %s", what).isEqualTo(r.target());
      }
      assertThat(RowLines.counted(got)).as("record of %s", what).isEqualTo(RowLines.counted(r));
      assertThat(got.referrer()).as("referrer of %s", what).isEqualTo(r.referrer());
      assertThat(got.userAgent()).as("agent of %s", what).isEqualTo(r.userAgent());
      return;
    }
    assertThat(out.outcome(0)).as("outcome of %s", what).isEqualTo(ParsedLines.OK);
    byte[] b = out.buffer();
    String host = out.hostStart(0) < 0 ? "-" : latin1(b, out.hostStart(0), out.hostEnd(0));
    assertThat(host).as("host of %s", what).isEqualTo(r.host());
    assertThat(out.hostHash(0)).isEqualTo(r.host().hashCode());
    assertThat(out.second(0)).as("time of %s", what).isEqualTo(r.epochSecond());
    assertThat(out.offsetSeconds(0)).as("offset of %s", what).isEqualTo(r.offsetSeconds());
    assertThat(out.status(0)).isEqualTo(r.status());
    assertThat(out.bytes(0)).isEqualTo(r.bytes());
    assertThat(out.durationMicros(0)).as("duration of %s", what).isEqualTo(r.durationMicros());
    String vhost = out.vhostStart(0) < 0 ? null : latin1(b, out.vhostStart(0), out.vhostEnd(0));
    assertThat(vhost).as("vhost of %s", what).isEqualTo(r.vhost());
    assertThat(out.requestMalformed(0)).as("request of %s", what).isEqualTo(r.requestMalformed());
    String section =
        out.sectionPlaceholder(0) != null
            ? out.sectionPlaceholder(0)
            : latin1(b, out.sectionStart(0), out.sectionEnd(0));
    assertThat(section).as("section of %s", what).isEqualTo(r.section());
    String referrer =
        out.referrerStart(0) < 0 ? null : latin1(b, out.referrerStart(0), out.referrerEnd(0));
    assertThat(referrer).as("referrer of %s", what).isEqualTo(r.referrer());
    String agent = out.agentStart(0) < 0 ? null : latin1(b, out.agentStart(0), out.agentEnd(0));
    assertThat(agent).as("agent of %s", what).isEqualTo(r.userAgent());
    if (!r.requestMalformed()) {
      assertThat(latin1(b, out.methodStart(0), out.methodEnd(0))).isEqualTo(r.method());
      assertThat(out.methodHash(0)).isEqualTo(r.method().hashCode());
    }
  }

  private static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
