package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link TcpFramer}: both framings of RFC 6587, mixed, cut anywhere, and the limits. */
class TcpFramerTest {
  private static void feed(TcpFramer f, String s, FrameLog log) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    f.feed(b, 0, b.length, 0, log);
  }

  @Test
  void newlineFramedMessagesEndAtEachNewline() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    feed(f, "<13>a b\n<13>c\r\n<13>d", log);
    assertThat(log.events).containsExactly("<13>a b", "<13>c\r");
    assertThat(f.inFrame()).isTrue();
    f.close(log);
    assertThat(log.events).containsExactly("<13>a b", "<13>c\r", "<13>d"); // EOF ends the last
  }

  @Test
  void octetCountedFramesMayHoldNewlinesAndMixWithNewlineFraming() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    feed(f, "9 <13>a\nb c10 <13>x\ny z \n\n<13>line\n", log);
    assertThat(log.events).containsExactly("<13>a\nb c", "<13>x\ny z ", "<13>line");
    assertThat(f.inFrame()).isFalse();
  }

  @Test
  void aCountCutAcrossReadsIsReadWhole() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    for (char c : "12 <13>abcdefgh".toCharArray()) {
      feed(f, String.valueOf(c), log);
    }
    assertThat(log.events).containsExactly("<13>abcdefgh");
  }

  @Test
  void framesOverTheCapAreRejectedAndSkippedWithoutBeingKept() {
    TcpFramer f = new TcpFramer(10);
    FrameLog log = new FrameLog();
    feed(f, "20 <13>0123456789abcdef" + "5 <13>x", log);
    feed(f, "<13>0123456789abcdef", log);
    assertThat(f.bufferedBytes()).isLessThanOrEqualTo(10);
    feed(f, "ghij\n<13>ok\n", log);
    assertThat(log.events).containsExactly("!frame_too_long", "<13>x", "!frame_too_long", "<13>ok");
  }

  @Test
  void digitsThatAreNoCountStartANewlineFramedMessage() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    feed(f, "127.0.0.1 - - x\n1234567890123 y\n<13>ok\n", log);
    assertThat(log.events).containsExactly("127.0.0.1 - - x", "!bad_frame_length", "<13>ok");
  }

  @Test
  void aCountedFrameCutShortByTheCloseIsTruncated() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    feed(f, "50 <13>only part", log);
    f.close(log);
    assertThat(log.events).containsExactly("!truncated_frame");
    assertThat(f.inFrame()).isFalse();
  }

  @Test
  void theFrameClockStartsWithTheFrameNotTheConnection() {
    TcpFramer f = new TcpFramer(100);
    FrameLog log = new FrameLog();
    byte[] b = "<13>a\n<13>b".getBytes(StandardCharsets.ISO_8859_1);
    f.feed(b, 0, 6, 5, log);
    assertThat(f.inFrame()).isFalse();
    f.feed(b, 6, b.length - 6, 7, log);
    assertThat(f.inFrame()).isTrue();
    assertThat(f.frameStartedAt()).isEqualTo(7);
  }
}
