package dev.logmon.parse.format;

import static dev.logmon.parse.format.Samples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parser bugs the JSON and W3C round-trip properties found, one example each. */
class RoundTripRegressionTest {

  /** Epoch nanoseconds have 19 digits since 2001; they were rejected as a bad timestamp. */
  @Test
  void caddyUnixNanoTimeIsRead() {
    LogRecord r =
        record(
            RowLines.of(Preset.CADDY.parser())
                .parse(
                    "{\"ts\":1714557601524102400,\"request\":{\"client_ip\":\"203.0.113.7\","
                        + "\"method\":\"GET\",\"host\":\"example.com\",\"uri\":\"/\"},"
                        + "\"duration\":0.5,\"size\":1,\"status\":200}"));
    assertThat(r.epochSecond()).isEqualTo(1714557601L);
    assertThat(r.offsetSeconds()).isZero();
  }

  /** Nanoseconds as a string, and an ISO time, through a json: mapping read the same instant. */
  @Test
  void epochNanosecondsAsAStringAreRead() {
    LineParser p = RowLines.of(JsonFormat.compile("json:time=t"));
    String rest = ",\"status\":\"200\",\"request\":\"GET / HTTP/1.1\"}";
    assertThat(record(p.parse("{\"t\":\"1714557601524102400\"" + rest)).epochSecond())
        .isEqualTo(Instant.parse("2024-05-01T10:00:01Z").getEpochSecond());
  }

  /**
   * A string duration of the first alternative lost to a later alternative that came earlier in the
   * object, because the builder kept the first duration it was given.
   */
  @Test
  void firstDurationAlternativeWinsWhereverItIs() {
    LineParser p =
        RowLines.of(JsonFormat.compile("json:duration_s=request_time|upstream_response_time"));
    LogRecord r =
        record(
            p.parse(
                "{\"upstream_response_time\":\"2.000\",\"request_time\":\"0.012\","
                    + "\"time\":\"2024-05-01T10:00:01+00:00\",\"status\":\"200\","
                    + "\"request\":\"GET / HTTP/1.1\"}"));
    assertThat(r.durationMicros()).isEqualTo(12_000);
  }

  /**
   * Of several bad fields the first in the line named the reason in a hash map's order, which
   * changed from run to run.
   */
  @Test
  void firstBadJsonFieldNamesTheReason() {
    LineParser p = RowLines.of(JsonFormat.compile("json"));
    String time = "\"time\":\"2024-05-01T10:00:01+00:00\",";
    String status = "\"status\":\"x\",";
    String duration = "\"request_time\":\"zz\",";
    String request = "\"request\":\"GET / HTTP/1.1\"}";
    assertThat(p.parse("{" + time + status + duration + request))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_STATUS));
    assertThat(p.parse("{" + time + duration + status + request))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_DURATION));
  }

  /**
   * nginx escape=json writes a variable it did not find as {@code ""}; as a duration that made the
   * whole line malformed instead of a line without a duration.
   */
  @Test
  void emptyJsonDurationMeansNone() {
    LineParser p = RowLines.of(JsonFormat.compile("json:duration_s=upstream_response_time"));
    LogRecord r =
        record(
            p.parse(
                "{\"time\":\"2024-05-01T10:00:01+00:00\",\"status\":\"301\","
                    + "\"request\":\"GET /old HTTP/1.1\",\"upstream_response_time\":\"\"}"));
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.hasDuration()).isFalse();
  }

  /**
   * W3C checked date and time only after the last field, so an Apache error-log line read as W3C
   * failed as a bad status, and auto-detection named w3c as the nearest format for it.
   */
  @Test
  void w3cLineWithNoDateFailsOnItsTimestamp() {
    assertThat(
            RowLines.of(Preset.W3C.parser())
                .parse(
                    "[Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] [pid 10:tid 1401205]"
                        + " [client 31.33.58.75:50229] AH01618: user sss not found: /"))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.BAD_TIMESTAMP));
  }

  /**
   * A {@code -} in cs(User-Agent) or cs(Referer) gave null, which means "the format has no such
   * field"; the other formats keep the {@code -}.
   */
  @Test
  void w3cDashHeadersStayDashes() {
    LineParser p = RowLines.of(Preset.W3C.parser()).forSource("ex.log");
    p.parse("#Fields: date time cs-method cs-uri-stem sc-status cs(User-Agent) cs(Referer)");
    LogRecord r = record(p.parse("2024-05-01 10:00:01 GET / 200 - -"));
    assertThat(r.userAgent()).isEqualTo("-");
    assertThat(r.referrer()).isEqualTo("-");
  }
}
