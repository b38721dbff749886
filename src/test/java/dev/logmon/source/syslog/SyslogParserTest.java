package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.syslog.SyslogFrame.Message;
import dev.logmon.source.syslog.SyslogFrame.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SyslogParser}: frames as real senders write them, and frames it must turn away. */
class SyslogParserTest {
  private static final String LINE =
      "10.0.0.1 - - [03/Dec/2026:16:27:05 +0000] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl/8\"";

  static Stream<Arguments> messages() {
    return Stream.of(
        // nginx: access_log syslog:server=...; RFC 3164 with its host and the tag "nginx"
        Arguments.of("<190>Dec  3 16:27:05 web1 nginx: " + LINE, "web1", LINE),
        // nginx with nohostname: the word after the time is the tag
        Arguments.of("<190>Dec  3 16:27:05 nginx: " + LINE, null, LINE),
        // a two-digit day, a tag with a pid (logger -t apache --rfc3164), host in capitals
        Arguments.of(
            "<13>Dec 13 01:02:03 WEB-2.example apache[4711]: " + LINE, "web-2.example", LINE),
        // rsyslog's RSYSLOG_ForwardFormat: RFC 3339 time in the BSD layout
        Arguments.of("<134>2026-12-03T16:27:05.123456+00:00 web3 nginx: " + LINE, "web3", LINE),
        // logger's default RFC 5424, with structured data
        Arguments.of(
            "<13>1 2026-12-03T16:27:05.123456+00:00 web4 apache 42 - [timeQuality tzKnown=\"1\""
                + " isSynced=\"0\"] "
                + LINE,
            "web4",
            LINE),
        // rsyslog's RSYSLOG_SyslogProtocol23Format, nil fields, a trailing newline
        Arguments.of("<134>1 - web5 - - - - " + LINE + "\n", "web5", LINE),
        // RFC 5424 with a nil host and a BOM before the message
        Arguments.of("<134>1 2026-12-03T16:27:05Z - nginx - - - \uFEFF" + LINE, null, LINE),
        // escaped quote and bracket inside a structured-data value
        Arguments.of("<134>1 - h app - - [a@1 k=\"x\\\"y\\]z\"][b@2] " + LINE, "h", LINE),
        // no timestamp at all: everything after <PRI> is the message
        Arguments.of("<13>" + LINE, null, LINE),
        // a tag-like word that is no tag (no colon) stays in the message
        Arguments.of("<13>Dec  3 16:27:05 web6 " + LINE, "web6", LINE),
        // trailing CR, LF and NUL dropped
        Arguments.of("<13>Dec  3 16:27:05 web7 nginx: " + LINE + "\r\n\0", "web7", LINE));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void readsTheHostAndTheLine(String frame, String host, String line) {
    byte[] b = ("xx" + frame).getBytes(StandardCharsets.UTF_8); // at an offset, as in a buffer
    SyslogFrame f = SyslogParser.parse(b, 2, b.length - 2);
    assertThat(f).isInstanceOf(Message.class);
    Message m = (Message) f;
    assertThat(m.host()).isEqualTo(host);
    assertThat(new String(b, m.from(), m.to() - m.from(), StandardCharsets.UTF_8)).isEqualTo(line);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("", Rejection.NO_PRIORITY),
        Arguments.of("\n", Rejection.NO_PRIORITY),
        Arguments.of(LINE, Rejection.NO_PRIORITY),
        Arguments.of("<>x", Rejection.NO_PRIORITY),
        Arguments.of("<13", Rejection.NO_PRIORITY),
        Arguments.of("<1a>x", Rejection.NO_PRIORITY),
        Arguments.of("<192>x", Rejection.BAD_PRIORITY),
        Arguments.of("<1000>x", Rejection.BAD_PRIORITY),
        Arguments.of("<13>", Rejection.EMPTY_MESSAGE),
        Arguments.of("<13>Dec  3 16:27:05 web1 nginx: ", Rejection.EMPTY_MESSAGE),
        Arguments.of("<13>1 - - - - -", Rejection.BAD_HEADER),
        Arguments.of("<13>1 -  - - - - x", Rejection.BAD_HEADER),
        Arguments.of("<13>1 - " + "h".repeat(256) + " - - - - x", Rejection.BAD_HEADER),
        Arguments.of("<13>1 - h - - " + "m".repeat(33) + " - x", Rejection.BAD_HEADER),
        Arguments.of("<13>1 - h - - - -", Rejection.EMPTY_MESSAGE),
        Arguments.of("<13>1 - h - - - - ", Rejection.EMPTY_MESSAGE),
        Arguments.of("<13>1 - h - - - [a x", Rejection.BAD_STRUCTURED_DATA),
        Arguments.of("<13>1 - h - - - [a k=\"v] x", Rejection.BAD_STRUCTURED_DATA),
        Arguments.of("<13>1 - h - - - [] x", Rejection.BAD_STRUCTURED_DATA),
        Arguments.of("<13>1 - h - - - x y", Rejection.BAD_STRUCTURED_DATA),
        Arguments.of("<13>1 - h - - - [a]x", Rejection.BAD_STRUCTURED_DATA));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void turnsAwayWhatIsNoSyslogMessage(String frame, Rejection reason) {
    byte[] b = frame.getBytes(StandardCharsets.UTF_8);
    assertThat(SyslogParser.parse(b, 0, b.length)).isEqualTo(Rejected.of(reason));
  }
}
