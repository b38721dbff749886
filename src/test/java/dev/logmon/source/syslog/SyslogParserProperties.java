package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.syslog.SyslogFrame.Message;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link SyslogParser}: total on any bytes, and exact on well-formed frames. */
class SyslogParserProperties {

  @Property(tries = 2000)
  void neverThrowsAndKeepsItsRangeInsideTheFrame(@ForAll("frames") byte[] frame) {
    byte[] b = new byte[frame.length + 8];
    System.arraycopy(frame, 0, b, 4, frame.length);
    SyslogFrame f = SyslogParser.parse(b, 4, frame.length);
    if (f instanceof Message m) {
      assertThat(m.from()).isGreaterThanOrEqualTo(4);
      assertThat(m.to()).isLessThanOrEqualTo(4 + frame.length);
      if (m.host() != null) {
        assertThat(m.host()).isNotEmpty().doesNotContain(" ").isLowerCase();
      }
    }
  }

  @Property(tries = 500)
  void aWellFormedFrameGivesBackItsHostAndLine(
      @ForAll("hosts") String host, @ForAll("lines") String line, @ForAll boolean rfc5424) {
    String frame =
        rfc5424
            ? "<134>1 2026-12-03T16:27:05Z " + host + " nginx - - - " + line
            : "<190>Dec  3 16:27:05 " + host + " nginx: " + line;
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    Message m = (Message) SyslogParser.parse(b, 0, b.length);
    assertThat(m.host()).isEqualTo(host.toLowerCase(java.util.Locale.ROOT));
    assertThat(new String(b, m.from(), m.to() - m.from(), StandardCharsets.UTF_8)).isEqualTo(line);
  }

  /** Random bytes, and frames built from syslog's own pieces so the deep branches are reached. */
  @Provide
  Arbitrary<byte[]> frames() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "<",
            ">",
            "<13>",
            "<190>",
            "<134>1 ",
            "1 ",
            " ",
            "-",
            "[",
            "]",
            "\"",
            "\\",
            "=",
            "a@1",
            "k=\"v\"",
            "Dec  3 ",
            "Dec 13 ",
            "16:27:05",
            ".123",
            "2026-12-03T16:27:05Z",
            "web1",
            "nginx:",
            "nginx[1]:",
            ":",
            "\n",
            "\r",
            "\0",
            "\uFEFF",
            "é",
            "GET / HTTP/1.1");
    Arbitrary<byte[]> built =
        piece.list().ofMaxSize(20).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Arbitraries.oneOf(built, random);
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.strings()
        .withChars("abcXYZ0123456789.-_")
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(h -> !h.equals("-"));
  }

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> head =
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(1);
    Arbitrary<String> rest =
        Arbitraries.strings().withCharRange(' ', '~').withChars('é', '→').ofMaxLength(200);
    // A line that itself starts like a tag ("word:") would lose it: access lines never do.
    return Combinators.combine(head, rest)
        .as((h, r) -> h + r)
        .filter(
            l ->
                !l.matches("^[A-Za-z0-9_./-]+(\\[[^\\] ]*\\])?:.*")
                    && !l.endsWith(" ")
                    && !l.endsWith("\r"));
  }
}
