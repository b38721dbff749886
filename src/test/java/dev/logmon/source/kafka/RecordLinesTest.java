package dev.logmon.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link RecordLines}: values as shippers write them, and values that carry no line. */
class RecordLinesTest {
  private static String line(RecordLines r, String value) {
    RecordLines.Line l = r.of(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    return l.rejection() != null
        ? "!" + l.rejection().key()
        : new String(l.bytes(), l.off(), l.len(), StandardCharsets.UTF_8);
  }

  @Test
  void aWholeValueIsTheLine() {
    RecordLines raw = new RecordLines(null);
    assertThat(line(raw, "1.2.3.4 - - [x] \"GET / HTTP/1.1\" 200 1")).startsWith("1.2.3.4");
    assertThat(line(raw, "")).isEmpty(); // an empty line: the parser counts it as malformed
    assertThat(line(raw, null)).isEqualTo("!no_value");
  }

  @Test
  void shippersEnvelopesGiveTheirField() {
    RecordLines vector = new RecordLines("message");
    assertThat(
            line(vector, "{\"host\":\"web1\",\"message\":\"GET \\\"/a\\\" \\u00e9\",\"n\":[1,{}]}"))
        .isEqualTo("GET \"/a\" é");
    RecordLines filebeat = new RecordLines("log.original");
    assertThat(line(filebeat, "{\"log\":{\"offset\":1,\"original\":\"x y\"},\"message\":\"z\"}"))
        .isEqualTo("x y");
    assertThat(line(new RecordLines("log"), "{\"log\":\"fluent bit\"}")).isEqualTo("fluent bit");
  }

  @Test
  void envelopesWithoutALineAreRejectedByReason() {
    RecordLines r = new RecordLines("log.original");
    assertThat(line(r, "plain text")).isEqualTo("!bad_envelope");
    assertThat(line(r, "[\"a\"]")).isEqualTo("!bad_envelope");
    assertThat(line(r, "\"a\"")).isEqualTo("!bad_envelope");
    assertThat(line(r, "{\"log\":{\"original\":")).isEqualTo("!bad_envelope");
    assertThat(line(r, "{}")).isEqualTo("!missing_field");
    assertThat(line(r, "{\"log\":\"flat\"}")).isEqualTo("!missing_field");
    assertThat(line(r, "{\"log\":{\"original\":42}}")).isEqualTo("!missing_field");
    assertThat(line(r, "{\"log\":{\"original\":null}}")).isEqualTo("!missing_field");
    assertThat(line(r, null)).isEqualTo("!no_value");
  }

  @Property(tries = 1000)
  void neverThrowsOnAnyValue(@ForAll("values") byte[] value, @ForAll boolean nested) {
    RecordLines.Line l = new RecordLines(nested ? "a.b" : "a").of(value);
    assertThat(l.rejection() == null).isEqualTo(l.bytes() != null);
  }

  @Provide
  Arbitrary<byte[]> values() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "{", "}", "[", "]", "\"a\"", "\"b\"", ":", ",", "\"x\"", "1", "null", "\\", "é");
    return Arbitraries.oneOf(
        piece.list().ofMaxSize(20).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
  }
}
