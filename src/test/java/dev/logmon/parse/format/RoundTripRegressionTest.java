package dev.logmon.parse.format;

import static dev.logmon.parse.format.Samples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parser bugs the JSON and W3C round-trip properties found, one example each. */
class RoundTripRegressionTest {
  /** Epoch nanoseconds have 19 digits since 2001; they were rejected as a bad timestamp. */
  @Test
  void caddyUnixNanoTimeIsRead() {
    LogRecord r =
        record(
            Preset.CADDY
                .parser()
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
    LineParser p = JsonFormat.compile("json:time=t");
    String rest = ",\"status\":\"200\",\"request\":\"GET / HTTP/1.1\"}";
    assertThat(record(p.parse("{\"t\":\"1714557601524102400\"" + rest)).epochSecond())
        .isEqualTo(Instant.parse("2024-05-01T10:00:01Z").getEpochSecond());
  }
}
