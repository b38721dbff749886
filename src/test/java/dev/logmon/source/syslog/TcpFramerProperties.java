package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link TcpFramer}: total, bounded, and blind to how the stream is cut. */
class TcpFramerProperties {

  @Property(tries = 1000)
  void readsInAnyCutGiveTheFramesOfTheWholeStream(
      @ForAll("streams") byte[] stream,
      @ForAll @IntRange(min = 1, max = 64) int maxFrame,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 40) Integer> cuts) {
    FrameLog whole = new FrameLog();
    TcpFramer one = new TcpFramer(maxFrame);
    one.feed(stream, 0, stream.length, 0, whole);
    one.close(whole);

    FrameLog pieces = new FrameLog();
    TcpFramer many = new TcpFramer(maxFrame);
    int at = 0;
    for (int cut : cuts) {
      int n = Math.min(cut, stream.length - at);
      many.feed(stream, at, n, 0, pieces);
      at += n;
      assertThat(many.bufferedBytes()).isLessThanOrEqualTo(maxFrame + 10);
    }
    many.feed(stream, at, stream.length - at, 0, pieces);
    many.close(pieces);
    assertThat(pieces.events).isEqualTo(whole.events);
    for (String e : whole.events) {
      if (!e.startsWith("!")) {
        assertThat(e.length()).isLessThanOrEqualTo(maxFrame + 10);
      }
    }
  }

  @Property(tries = 500)
  void countedFramesComeBackExactly(@ForAll("messages") List<String> messages) {
    StringBuilder s = new StringBuilder();
    for (String m : messages) {
      s.append(m.getBytes(StandardCharsets.ISO_8859_1).length).append(' ').append(m);
    }
    byte[] b = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    FrameLog log = new FrameLog();
    TcpFramer f = new TcpFramer(1000);
    f.feed(b, 0, b.length, 0, log);
    f.close(log);
    assertThat(log.events).isEqualTo(messages);
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "<13>", "12 ", "5 ", "0 ", "1", "99999999999 ", "\n", "\r\n", " ", "\0", "abc", "x\ny");
    Arbitrary<byte[]> built =
        piece
            .list()
            .ofMaxSize(30)
            .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
    return Arbitraries.oneOf(built, Arbitraries.bytes().array(byte[].class).ofMaxSize(400));
  }

  @Provide
  Arbitrary<List<String>> messages() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\n', '\r', '\0')
        .ofMinLength(1)
        .ofMaxLength(60)
        .map(m -> "<13>" + m)
        .list()
        .ofMaxSize(20);
  }
}
