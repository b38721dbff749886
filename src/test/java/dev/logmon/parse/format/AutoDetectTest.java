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
        .contains("nearest: ")
        .contains("give --format");
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
