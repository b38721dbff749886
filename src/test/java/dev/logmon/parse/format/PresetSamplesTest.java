package dev.logmon.parse.format;

import static dev.logmon.parse.format.Samples.parseAll;
import static dev.logmon.parse.format.Samples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every preset on sample lines: real Apache excerpts and hand-written lines of the others. */
class PresetSamplesTest {

  @Test
  void combinedPresetReadsTheRealElasticExcerpt() {
    List<ParseResult> r =
        parseAll(RowLines.of(Preset.COMBINED.parser()), "elastic_examples_2015_excerpt.log");
    assertThat(r.stream().filter(x -> x instanceof ParseResult.Parsed).count()).isEqualTo(46);
  }

  @Test
  void combinedFormatStringAgreesWithTheBuiltInParserOnRealLines() {
    LineParser compiled = RowLines.format(Preset.COMBINED.definition());
    LineParser builtIn = RowLines.of(Preset.COMBINED.parser());
    for (String file :
        List.of("elastic_examples_2015_excerpt.log", "basjes_hackers_2015_excerpt.log")) {
      for (String line : Samples.lines(file)) {
        ParseResult expected = builtIn.parse(line);
        if (expected instanceof ParseResult.Parsed p) {
          assertThat(RowLines.counted(record(compiled.parse(line)))).as(line).isEqualTo(p.record());
        } else {
          assertThat(compiled.parse(line)).as(line).isInstanceOf(ParseResult.Malformed.class);
        }
      }
    }
  }

  @Test
  void vhostCombinedAndCommonFormatStringsReadTheSyntheticShapes() {
    LineParser vhost = RowLines.format(Preset.VHOST_COMBINED.definition());
    LogRecord r =
        record(
            vhost.parse(
                "shop.example.com:443 2001:db8::1 - - [29/Nov/2020:01:40:53 +0000]"
                    + " \"GET /nmap HTTP/1.1\" 404 4148 \"-\" \"\\\"Mozilla/5.0\""));
    assertThat(r.vhost()).isEqualTo("shop.example.com:443");
    assertThat(r.host()).isEqualTo("2001:db8::1");
    assertThat(r.userAgent()).isEqualTo("\\\"Mozilla/5.0");
    LineParser common = RowLines.format(Preset.COMMON.definition());
    LogRecord c =
        record(
            common.parse(
                "lordgun.example - - [07/Mar/2004:17:01:53 -0800] \"GET /razor.html HTTP/1.1\" 200 2869\r"));
    assertThat(c.epochSecond()).isEqualTo(Instant.parse("2004-03-08T01:01:53Z").getEpochSecond());
    assertThat(c.offsetSeconds()).isEqualTo(-8 * 3600);
    assertThat(c.section()).isEqualTo("/razor.html");
  }

  @Test
  void nginxPresetReadsItsDefaultCombinedLines() {
    List<ParseResult> r =
        parseAll(RowLines.of(Preset.NGINX.parser()), "formats/nginx_combined.log");
    assertThat(r).allMatch(x -> x instanceof ParseResult.Parsed);
    assertThat(record(r.get(2)).host()).isEqualTo("2001:db8::42");
    assertThat(record(r.get(3)).requestMalformed()).isTrue();
    assertThat(record(r.get(4)).section()).isEqualTo("/search");
    assertThat(record(r.get(0)).durationMicros()).isEqualTo(LogRecord.NO_DURATION);
  }

  @Test
  void nginxStringWithRequestAndUpstreamTimes() {
    LineParser p =
        RowLines.format(
            "$remote_addr - $remote_user [$time_local] \"$request\" $status"
                + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time"
                + " $upstream_response_time $host");
    List<ParseResult> r = parseAll(p, "formats/nginx_timed.log");
    assertThat(record(r.get(0)).durationMicros()).isEqualTo(12_000);
    assertThat(record(r.get(0)).vhost()).isEqualTo("shop.example.com");
    assertThat(record(r.get(1)).durationMicros()).isEqualTo(3_001_000);
    assertThat(record(r.get(1)).vhost()).isEqualTo("shop.example.com");
    assertThat(record(r.get(2)).durationMicros()).isZero();

    LineParser upstream =
        RowLines.format(
            "$remote_addr - $remote_user [$time_local] \"$request\" $status"
                + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $remote_port"
                + " $upstream_response_time $host");
    List<ParseResult> u = parseAll(upstream, "formats/nginx_timed.log");
    assertThat(record(u.get(1)).durationMicros()).isEqualTo(3_000_000); // 1.000 + 2.000
    assertThat(record(u.get(2)).durationMicros()).isEqualTo(LogRecord.NO_DURATION); // "-"
  }

  @Test
  void jsonWithTheNginxDefaults() {
    List<ParseResult> r =
        parseAll(RowLines.of(JsonFormat.compile("json")), "formats/nginx_json.log");
    LogRecord a = record(r.get(0));
    assertThat(a.section()).isEqualTo("/api");
    assertThat(a.durationMicros()).isEqualTo(12_000);
    assertThat(a.userAgent()).isEqualTo("Mozilla/5.0 (\"quoted\")");
    assertThat(a.vhost()).isEqualTo("shop.example.com");
    assertThat(record(r.get(1)).status()).isEqualTo(201);
    assertThat(record(r.get(1)).user()).isEqualTo("bob");
  }

  @Test
  void caddyPreset() {
    List<ParseResult> r = parseAll(RowLines.of(Preset.CADDY.parser()), "formats/caddy.log");
    LogRecord a = record(r.get(0));
    assertThat(a.epochSecond()).isEqualTo(1714557601L);
    assertThat(a.host()).isEqualTo("203.0.113.7");
    assertThat(a.method()).isEqualTo("GET");
    assertThat(a.section()).isEqualTo("/blog");
    assertThat(a.vhost()).isEqualTo("example.com");
    assertThat(a.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
    assertThat(a.referrer()).isEqualTo("https://example.com/");
    assertThat(a.durationMicros()).isEqualTo(1_234);
    assertThat(a.bytes()).isEqualTo(5120);
    assertThat(record(r.get(1)).status()).isEqualTo(504);
    assertThat(record(r.get(1)).durationMicros()).isEqualTo(2_500_000);
  }

  @Test
  void traefikPreset() {
    List<ParseResult> r = parseAll(RowLines.of(Preset.TRAEFIK.parser()), "formats/traefik.log");
    LogRecord a = record(r.get(0));
    assertThat(a.epochSecond()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").getEpochSecond());
    assertThat(a.durationMicros()).isEqualTo(12_345);
    assertThat(a.section()).isEqualTo("/cart");
    assertThat(a.vhost()).isEqualTo("shop.example.com");
    assertThat(a.userAgent()).isEqualTo("curl/8.5.0");
    assertThat(record(r.get(1)).status()).isEqualTo(404);
    assertThat(record(r.get(1)).host()).isEqualTo("2001:db8::7");
  }

  @Test
  void w3cPresetFollowsItsFieldsHeaders() {
    List<ParseResult> r = parseAll(RowLines.of(Preset.W3C.parser()), "formats/w3c_iis.log");
    assertThat(r.subList(0, 4))
        .allMatch(x -> x.equals(new ParseResult.Malformed(MalformedReason.HEADER_LINE)));
    LogRecord a = record(r.get(4));
    assertThat(a.epochSecond()).isEqualTo(Instant.parse("2024-05-01T10:00:01Z").getEpochSecond());
    assertThat(a.host()).isEqualTo("198.51.100.23");
    assertThat(a.target()).isEqualTo("/default.aspx");
    assertThat(a.durationMicros()).isEqualTo(15_000);
    LogRecord b = record(r.get(5));
    assertThat(b.target()).isEqualTo("/api/orders?id=7");
    assertThat(b.status()).isEqualTo(500);
    assertThat(b.user()).isEqualTo("CONTOSO\\alice");
    LogRecord c = record(r.get(7));
    assertThat(c.vhost()).isEqualTo("shop.example.com");
    assertThat(c.status()).isEqualTo(304);
    assertThat(c.durationMicros()).isEqualTo(2_000);
  }

  @Test
  void everyPresetIsTotalOnOtherFormatsLines() {
    for (Preset p : Preset.values()) {
      for (String f :
          List.of(
              "formats/caddy.log",
              "formats/w3c_iis.log",
              "formats/unknown.log",
              "synthetic_odd_shapes.log")) {
        assertThat(parseAll(RowLines.of(p.parser()), f)).doesNotContainNull();
      }
    }
  }
}
