package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.ParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --format auto} on a mix of files, one of which matches nothing. */
class AutoDetectTest {
  private final List<String> notes = new ArrayList<>();
  private final LineParser auto = LogFormats.parser("auto", notes::add);

  private long parsed(String file) {
    return Samples.parseAll(auto, file).stream()
        .filter(r -> r instanceof ParseResult.Parsed)
        .count();
  }

  @Test
  void eachFileGetsItsOwnFormatAndANoteSaysWhich() {
    assertThat(parsed("elastic_examples_2015_excerpt.log")).isEqualTo(46);
    assertThat(parsed("formats/caddy.log")).isEqualTo(2);
    assertThat(parsed("formats/w3c_iis.log")).isEqualTo(3);
    assertThat(parsed("formats/traefik.log")).isEqualTo(2);
    assertThat(parsed("formats/nginx_json.log")).isEqualTo(2);
    assertThat(parsed("formats/nginx_combined.log")).isEqualTo(5);
    assertThat(parsed("synthetic_odd_shapes.log")).isPositive();
    assertThat(notes)
        .contains(
            "format: elastic_examples_2015_excerpt.log: detected combined (from line 1)",
            "format: formats/caddy.log: detected caddy (from line 1)",
            "format: formats/w3c_iis.log: detected w3c (from line 1)",
            "format: formats/traefik.log: detected traefik (from line 1)",
            "format: formats/nginx_json.log: detected json (nginx escape=json) (from line 1)",
            "format: formats/nginx_combined.log: detected combined (from line 1)");
  }

  @Test
  void aFileThatMatchesNothingGetsOneClearNote() {
    assertThat(parsed("formats/unknown.log")).isZero();
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0))
        .startsWith("format: formats/unknown.log: line 1 matches no known format: May  1 10:00:01")
        .endsWith(
            "port 52022 ssh2 -- nearest: w3c (bad or missing [timestamp]); give --format (a"
                + " preset, a LogFormat/log_format string or json:...)");
  }

  /**
   * Real files: Caddy's first seven lines say {@code "status":0}, so none fits until line 8, and
   * the one note for them names Caddy as nearest; an Apache error log fits nothing.
   */
  @Test
  void realPublicFilesIncludingOnesThatStartOrStayUnmatched() {
    assertThat(parsed("public/apache_httpd_docs.log")).isEqualTo(2);
    assertThat(parsed("public/crowdsec_apache2.log")).isEqualTo(7);
    assertThat(parsed("public/lnav_iis_w3c_2015.log")).isEqualTo(13);
    assertThat(parsed("public/lnav_w3c_docs.log")).isEqualTo(1);
    assertThat(parsed("public/crowdsec_caddy.log")).isEqualTo(3);
    String errorLine = Samples.lines("public/crowdsec_apache2.log").get(7);
    assertThat(auto.forSource("error.log").parse(errorLine))
        .isInstanceOf(ParseResult.Malformed.class);
    assertThat(notes)
        .containsExactly(
            "format: public/apache_httpd_docs.log: detected common (from line 1)",
            "format: public/crowdsec_apache2.log: detected combined (from line 1)",
            "format: public/lnav_iis_w3c_2015.log: detected w3c (from line 1)",
            "format: public/lnav_w3c_docs.log: detected w3c (from line 1)",
            "format: public/crowdsec_caddy.log: line 1 matches no known format: "
                + Samples.lines("public/crowdsec_caddy.log").get(0).substring(0, 160)
                + "... -- nearest: caddy (bad or missing status); give --format (a preset, a"
                + " LogFormat/log_format string or json:...)",
            "format: public/crowdsec_caddy.log: detected caddy (from line 8)",
            "format: error.log: line 1 matches no known format: "
                + errorLine
                + " -- nearest: w3c (bad or missing [timestamp]); give --format (a preset, a"
                + " LogFormat/log_format string or json:...)");
  }

  @Test
  void commonAndVhostShapesAreNamed() {
    LineParser p = auto.forSource("common.log");
    p.parse("h.example - - [07/Mar/2004:17:01:53 -0800] \"GET / HTTP/1.1\" 200 2869");
    LineParser v = auto.forSource("vhost.log");
    v.parse(
        "a.example:80 ::1 - - [07/Mar/2004:17:01:53 -0800] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"");
    assertThat(notes)
        .containsExactly(
            "format: common.log: detected common (from line 1)",
            "format: vhost.log: detected vhost_combined (from line 1)");
  }
}
