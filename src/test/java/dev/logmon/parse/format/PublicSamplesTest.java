package dev.logmon.parse.format;

import static dev.logmon.parse.format.Samples.parseAll;
import static dev.logmon.parse.format.Samples.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every preset on real lines copied from public sources ({@code logs/public/NOTICE.md}); the
 * Combined preset's Apache excerpts are in {@link PresetSamplesTest}. Traefik has none: no licensed
 * public Traefik lines were found.
 */
class PublicSamplesTest {
  private static final ParseResult BAD_STATUS =
      new ParseResult.Malformed(MalformedReason.BAD_STATUS);

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  @Test
  void commonReadsTheApacheDocsAndCrowdsecLines() {
    for (LineParser p :
        List.of(RowLines.of(Preset.COMMON.parser()), RowLines.format(Preset.COMMON.definition()))) {
      LogRecord docs = record(p.parse(Samples.lines("public/apache_httpd_docs.log").get(0)));
      assertThat(RowLines.counted(docs))
          .isEqualTo(
              RowLines.counted(
                  new LogRecord(
                      "127.0.0.1",
                      "frank",
                      epoch("2000-10-10T20:55:36Z"),
                      -7 * 3600,
                      "GET",
                      "/apache_pb.gif",
                      "/apache_pb.gif",
                      false,
                      200,
                      2326,
                      null,
                      null,
                      null,
                      LogRecord.NO_DURATION)));
      LogRecord crowdsec = record(p.parse(Samples.lines("public/crowdsec_apache2.log").get(5)));
      assertThat(crowdsec.host()).isEqualTo("116.203.1.1");
      assertThat(crowdsec.epochSecond()).isEqualTo(epoch("2021-03-05T08:01:38Z"));
      assertThat(crowdsec.section()).isEqualTo("/test");
      assertThat(crowdsec.bytes()).isEqualTo(1513);
    }
  }

  @Test
  void combinedReadsTheApacheDocsLine() {
    String line = Samples.lines("public/apache_httpd_docs.log").get(1);
    // Rows keep what is counted; the whole view adds the referrer and agent (no row keeps the
    // user).
    for (LineParser p :
        List.of(
            RowLines.whole(Preset.COMBINED.parser()),
            RowLines.format(Preset.COMBINED.definition()))) {
      LogRecord r = record(p.parse(line));
      assertThat(r.referrer()).isEqualTo("http://www.example.com/start.html");
      assertThat(r.userAgent()).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
    }
  }

  /**
   * The built-in parser tells Combined, Common and vhost_combined apart line by line (a {@code %v}
   * without {@code :%p} is a vhost too); the error-log line is none of them.
   */
  @Test
  void vhostCombinedReadsTheCrowdsecVhostLine() {
    List<String> lines = Samples.lines("public/crowdsec_apache2.log");
    LineParser compiled = RowLines.format(Preset.VHOST_COMBINED.definition());
    for (LineParser p : List.of(RowLines.of(Preset.VHOST_COMBINED.parser()), compiled)) {
      LogRecord r = record(p.parse(lines.get(6)));
      assertThat(r.vhost()).isEqualTo("website.com:443");
      assertThat(r.host()).isEqualTo("1.2.3.4");
      assertThat(r.epochSecond()).isEqualTo(epoch("2021-10-25T09:05:52Z"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.bytes()).isEqualTo(6963);
      assertThat(r.section()).isEqualTo("/web");
    }
    assertThat(record(compiled.parse(lines.get(6))).referrer()).isEqualTo("abc.com");
    List<ParseResult> all =
        parseAll(RowLines.of(Preset.VHOST_COMBINED.parser()), "public/crowdsec_apache2.log");
    assertThat(all.stream().map(r -> r instanceof ParseResult.Parsed).toList())
        .containsExactly(true, true, true, true, true, true, true, false);
    assertThat(record(all.get(3)).vhost()).isEqualTo("www.crowdsec.net");
    assertThat(
            java.util.stream.IntStream.range(0, all.size())
                .filter(i -> all.get(i) instanceof ParseResult.Parsed)
                .mapToObj(i -> detected(lines.get(i)))
                .toList())
        .containsExactly(
            "combined",
            "combined",
            "combined",
            "vhost_combined",
            "combined",
            "common",
            "vhost_combined");
  }

  /**
   * nginx's default {@code combined} log_format writes the same fields as Apache's, so the nginx
   * preset reads the real Apache excerpt exactly as the Combined preset does; GitLab's nginx line
   * needs its log_format, which adds {@code $gzip_ratio}.
   */
  @Test
  void nginxReadsRealCombinedLinesAndGitlabsFormat() {
    LineParser nginx = RowLines.of(Preset.NGINX.parser());
    LineParser combined = RowLines.of(Preset.COMBINED.parser());
    int parsed = 0;
    for (String line : Samples.lines("elastic_examples_2015_excerpt.log")) {
      ParseResult expected = combined.parse(line);
      if (expected instanceof ParseResult.Parsed) {
        assertThat(nginx.parse(line)).as(line).isEqualTo(expected);
        parsed++;
      }
    }
    assertThat(parsed).isEqualTo(46);

    String gitlab = Samples.lines("public/lnav_gitlab_nginx.log").get(0);
    assertThat(nginx.parse(gitlab))
        .isEqualTo(new ParseResult.Malformed(MalformedReason.TRAILING_GARBAGE));
    LogRecord r = record(RowLines.format(Preset.NGINX.definition() + " $gzip_ratio").parse(gitlab));
    assertThat(r.epochSecond()).isEqualTo(epoch("2022-09-15T22:53:14Z"));
    assertThat(r.offsetSeconds()).isEqualTo(2 * 3600);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.section()).isEqualTo("/api");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.referrer()).isEmpty();
    assertThat(r.userAgent()).isEqualTo("gitlab-runner 15.3.0 (15-3-stable; go1.19; linux/amd64)");
  }

  /** Caddy's {@code "status":0} is no HTTP status: those lines are counted as bad status. */
  @Test
  void caddyReadsTheCrowdsecLines() {
    List<ParseResult> r = parseAll(RowLines.of(Preset.CADDY.parser()), "public/crowdsec_caddy.log");
    assertThat(r.subList(0, 7)).containsOnly(BAD_STATUS);
    LogRecord unauthorized = record(r.get(7));
    assertThat(unauthorized)
        .isEqualTo(
            new LogRecord(
                "127.0.0.1",
                "-",
                1711741798L,
                0,
                "GET",
                "/",
                "/",
                false,
                401,
                0,
                null,
                "curl/7.88.1",
                "localhost:9080",
                782_670));
    assertThat(record(r.get(8)).durationMicros()).isEqualTo(33);
    LogRecord ok = record(r.get(9));
    assertThat(ok.user()).isEqualTo("Bob");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bytes()).isEqualTo(18_630);
    assertThat(ok.durationMicros()).isEqualTo(794_682);
  }

  @Test
  void w3cReadsARealIisLogWithRepeatedHeaders() {
    List<ParseResult> r =
        parseAll(RowLines.of(Preset.W3C.parser()), "public/lnav_iis_w3c_2015.log");
    assertThat(r.stream().filter(x -> x instanceof ParseResult.Parsed).count()).isEqualTo(13);
    assertThat(r.stream().filter(x -> x instanceof ParseResult.Malformed).toList())
        .hasSize(20)
        .containsOnly(new ParseResult.Malformed(MalformedReason.HEADER_LINE));
    LogRecord first = record(r.get(4));
    assertThat(first)
        .isEqualTo(
            new LogRecord(
                "157.55.39.146",
                "-",
                epoch("2015-01-13T00:32:17Z"),
                0,
                "GET",
                "/robots.txt",
                "/robots.txt",
                false,
                404,
                1405,
                "-",
                "Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)",
                null,
                283_000));
    LogRecord referred = record(r.get(25));
    assertThat(referred.referrer()).isEqualTo("http://example.com");
    assertThat(referred.durationMicros()).isEqualTo(468_000);
    LogRecord query = record(r.get(32));
    assertThat(query.target()).isEqualTo("/?c=4e5e5d7364f443e28fbf0d3ae744a59a");
    assertThat(query.section()).isEqualTo("/");
    assertThat(query.epochSecond()).isEqualTo(epoch("2015-01-13T22:29:45Z"));
  }

  @Test
  void w3cReadsMicrosoftsExampleDespiteNotesInItsHeaders() {
    List<ParseResult> r = parseAll(RowLines.of(Preset.W3C.parser()), "public/lnav_w3c_docs.log");
    LogRecord rec = record(r.get(4));
    assertThat(rec.host()).isEqualTo("172.22.255.255");
    assertThat(rec.epochSecond()).isEqualTo(epoch("2002-05-02T17:42:15Z"));
    assertThat(rec.target()).isEqualTo("/images/picture.jpg");
    assertThat(rec.status()).isEqualTo(200);
    assertThat(rec.hasDuration()).isFalse();
    assertThat(rec.userAgent()).isEqualTo("Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)");
  }

  /** The name {@code --format auto} gives, in its note, to a file of this one line. */
  private static String detected(String line) {
    List<String> notes = new ArrayList<>();
    byte[] text = (line + "\n").getBytes(StandardCharsets.UTF_8);
    new AutoDetect(notes::add).forSource("x").preview(text, 0, text.length);
    assertThat(notes).hasSize(1);
    String note = notes.get(0); // format: x: detected NAME (fits 1 of 1 lines sampled)
    return note.substring(note.indexOf("detected ") + 9, note.indexOf(" (fits"));
  }
}
