package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link LineSplitter}: chunk boundaries never change what comes out. */
class LineSplitterProperties {

  @Property
  void reassemblesValidUtf8LinesExactly(
      @ForAll("lines") List<String> lines,
      @ForAll boolean crlf,
      @ForAll boolean terminateLast,
      @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 50) Integer> chunks) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      bytes.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
      if (i < lines.size() - 1 || terminateLast) {
        bytes.writeBytes((crlf ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    LineSplitter splitter = new LineSplitter(1 << 20);
    List<String> out = feedInChunks(splitter, bytes.toByteArray(), chunks);
    List<String> expected = new ArrayList<>(lines);
    if (!terminateLast && !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      expected.remove(expected.size() - 1); // an empty unterminated tail is no line
    }
    assertThat(out).isEqualTo(expected);
    assertThat(splitter.lines()).isEqualTo(expected.size());
    assertThat(splitter.oversizeLines()).isZero();
  }

  @Property
  void randomBytesInChunksSplitLikeTheWholeInputAtOnce(
      @ForAll("noisyBytes") byte[] input,
      @ForAll @IntRange(min = 1, max = 40) int maxLineBytes,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 60) Integer> chunks) {
    LineSplitter whole = new LineSplitter(maxLineBytes);
    List<String> expected = new ArrayList<>();
    whole.feed(input, 0, input.length, Split.into(expected));
    Split.flush(whole).ifPresent(expected::add);

    LineSplitter chunked = new LineSplitter(maxLineBytes);
    List<String> out = feedInChunks(chunked, input, chunks);
    assertThat(out).isEqualTo(expected);
    assertThat(chunked.oversizeLines()).isEqualTo(whole.oversizeLines());
    assertThat(out)
        .allMatch(
            line ->
                line.getBytes(StandardCharsets.UTF_8).length <= maxLineBytes
                    || line.contains("\uFFFD"));
  }

  private static List<String> feedInChunks(
      LineSplitter splitter, byte[] input, List<Integer> chunks) {
    List<String> out = new ArrayList<>();
    int off = 0;
    int c = 0;
    while (off < input.length) {
      int size = chunks.isEmpty() ? input.length : chunks.get(c++ % chunks.size());
      int len = Math.min(size, input.length - off);
      splitter.feed(input, off, len, Split.into(out));
      off += len;
    }
    Split.flush(splitter).ifPresent(out::add);
    return out;
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> line =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('\u00e9', '\u20ac', '\t', '\r')
            .ofMaxLength(200)
            // A line never contains \n, and its own trailing \r would be taken for CRLF.
            .filter(s -> !s.endsWith("\r"));
    return line.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<byte[]> noisyBytes() {
    // Bias toward newlines, CRs and UTF-8 lead/continuation bytes so edge cases are common.
    Arbitrary<Byte> b =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.bytes()),
            net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) '\n', (byte) '\r')),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.of((byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0xF0, (byte) 0x80)));
    return b.array(byte[].class).ofMaxSize(300);
  }
}
