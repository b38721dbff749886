package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import dev.logmon.parse.RowParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Compiling format strings: what is accepted, and errors that point at the offending token. */
class FormatCompileTest {

  @Test
  void unknownApacheDirectiveIsReportedWithItsColumn() {
    assertThatThrownBy(() -> LogFormats.parser("%h %l %Q %t", s -> {}))
        .isInstanceOf(FormatException.class)
        .hasMessage("unknown directive %Q at column 7: %h %l %Q %t");
  }

  @Test
  void unknownNginxVariableAndAdjacentFieldsAreErrors() {
    assertThatThrownBy(() -> NginxFormat.compile("$remote_addr $stauts"))
        .hasMessage("unknown variable $stauts at column 14: $remote_addr $stauts");
    assertThatThrownBy(() -> ApacheFormat.compile("%h%u"))
        .hasMessage("%h and %u need literal text between them at column 3: %h%u");
    assertThatThrownBy(() -> ApacheFormat.compile("%{%Q}t")).hasMessageContaining("%Q");
    assertThatThrownBy(() -> JsonFormat.compile("json:time=ts,stat=status"))
        .hasMessageContaining("unknown json key 'stat'")
        .hasMessageContaining("column 14");
    assertThatThrownBy(() -> LogFormats.parser("fancy", s -> {})).hasMessageContaining("preset");
  }

  @Test
  void presetsAndSpecsResolve() {
    assertThat(LogFormats.parser("combined", s -> {})).isSameAs(RowParser.clf());
    assertThat(LogFormats.parser("NGINX", s -> {})).isInstanceOf(ByteFormat.class);
    assertThat(LogFormats.parser("json:time=ts", s -> {})).isInstanceOf(JsonFormat.class);
    assertThat(LogFormats.parser("auto", s -> {})).isInstanceOf(AutoDetect.class);
  }

  @Test
  void apacheDurationsStrftimeAndPathQuery() {
    LineParser f =
        RowLines.format("%v %a [%{%Y-%m-%d %T %z}t] \\\"%m %U%q %H\\\" %>s %B %D %{ms}T");
    ParseResult r =
        f.parse(
            "shop 192.0.2.1 [2024-05-01 10:00:00 +0200] \"GET /a/b?x=1 HTTP/1.1\" 200 12 1500 1");
    LogRecord rec = ((ParseResult.Parsed) r).record();
    assertThat(rec.epochSecond()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z").getEpochSecond());
    assertThat(rec.target()).isEqualTo("/a/b?x=1");
    assertThat(rec.section()).isEqualTo("/a");
    assertThat(rec.durationMicros()).isEqualTo(1500);
    assertThat(rec.vhost()).isEqualTo("shop");
  }

  @Test
  void aLeapSecondReadsAsTheSecondBeforeItInEveryTimeReader() {
    long expected = Instant.parse("2016-12-31T23:59:59Z").getEpochSecond();
    String request = " \"GET / HTTP/1.1\" 200 5";
    for (String[] formatAndTime :
        new String[][] {
          {"%h %t \"%r\" %>s %b", "[31/Dec/2016:23:59:60 +0000]"},
          {"%h [%{%Y-%m-%d %T %z}t] \"%r\" %>s %b", "[2016-12-31 23:59:60 +0000]"},
          {
            "$remote_addr [$time_iso8601] \"$request\" $status $bytes_sent",
            "[2016-12-31T23:59:60Z]"
          }
        }) {
      LineParser f = RowLines.format(formatAndTime[0]);
      ParseResult r = f.parse("192.0.2.1 " + formatAndTime[1] + request);
      assertThat(r).as(formatAndTime[0]).isInstanceOf(ParseResult.Parsed.class);
      assertThat(((ParseResult.Parsed) r).record().epochSecond()).isEqualTo(expected);
    }
  }

  @Test
  void epochTimesAndSecondsDuration() {
    LineParser f = RowLines.format("%h %{msec}t \"%r\" %s %b %T");
    LogRecord rec =
        ((ParseResult.Parsed) f.parse("192.0.2.1 1714557601999 \"GET / HTTP/1.1\" 503 - 2"))
            .record();
    assertThat(rec.epochSecond()).isEqualTo(1714557601L);
    assertThat(rec.durationMicros()).isEqualTo(2_000_000);
    assertThat(rec.bytes()).isZero();
  }

  @Test
  void mismatchReasonsNameTheField() {
    LineParser f = RowLines.format("%h %l %u %t \"%r\" %>s %b %D");
    assertThat(f.parse("1.2.3.4 - - [01/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 x"))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_DURATION));
    assertThat(f.parse("1.2.3.4 - - [01/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 2x0 5 1"))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_STATUS));
    assertThat(f.parse("1.2.3.4 - - [01/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 1 more"))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_DURATION));
    assertThat(f.parse("")).isEqualTo(new ParseResult.Malformed(MalformedReason.EMPTY));
  }
}
