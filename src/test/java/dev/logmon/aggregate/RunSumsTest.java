package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.Sections;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parsed chunk's runs: consecutive hits of one second and offset, summed by key in order of first
 * appearance, with every other line a run of its own.
 */
class RunSumsTest {
  private static String line(String host, String request, String time, int status, String size) {
    return host
        + " - - ["
        + time
        + "] \""
        + request
        + "\" "
        + status
        + " "
        + size
        + " \"-\" \"x\"\n";
  }

  private static final String T0 = "14/Nov/2023:22:13:20 +0000";
  private static final String T1 = "14/Nov/2023:22:13:21 +0000";
  private static final String T1_ELSEWHERE = "14/Nov/2023:23:13:21 +0100"; // the same instant

  private static ParsedLines parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ParsedLines out = new ParsedLines();
    new ChunkParser(1024, RowParser.clf()).parse(bytes, 0, bytes.length, true, out);
    return out;
  }

  @Test
  void hitsOfOneSecondAndOffsetFormARunSummedByKey() {
    ParsedLines l =
        parse(
            line("10.0.0.2", "GET /b/1 HTTP/1.1", T0, 200, "10")
                + line("10.0.0.1", "POST /a/1 HTTP/1.1", T0, 503, "5")
                + line("10.0.0.2", "GET /a/2 HTTP/1.1", T0, 200, "-")
                + line("10.0.0.2", "-", T0, 404, "7")
                + "garbage\n"
                + line("10.0.0.1", "GET /a/1 HTTP/1.1", T0, 200, "1")
                + line("10.0.0.1", "GET /a/1 HTTP/1.1", T1, 200, "1")
                + line("10.0.0.1", "GET /a/1 HTTP/1.1", T1_ELSEWHERE, 200, "1")
                + line("10.0.0.1", "GET /caf\u00e9/1 HTTP/1.1", T1_ELSEWHERE, 200, "1"));
    RunSums runs = sums(l);
    assertThat(runs.rows()).isEqualTo(9);
    assertThat(ranges(runs))
        .containsExactly(
            "[0,4) grouped", "[4,5)", "[5,6) grouped", "[6,7) grouped", "[7,8) grouped", "[8,9)");

    // The first run, key by key in order of first appearance.
    assertThat(runs.bytes(0)).isEqualTo(22);
    assertThat(runs.badRequests(0)).isEqualTo(1);
    assertThat(runs.statusClass(0, 2)).isEqualTo(2);
    assertThat(runs.statusClass(0, 4)).isEqualTo(1);
    assertThat(runs.statusClass(0, 5)).isEqualTo(1);
    List<String> sections = new ArrayList<>();
    for (int e = runs.entriesFrom(KeyKind.SECTION, 0);
        e < runs.entriesTo(KeyKind.SECTION, 0);
        e++) {
      int row = runs.row(KeyKind.SECTION, e);
      String name =
          l.sectionPlaceholder(row) != null
              ? l.sectionPlaceholder(row)
              : new String(
                  l.buffer(),
                  l.sectionStart(row),
                  l.sectionEnd(row) - l.sectionStart(row),
                  StandardCharsets.US_ASCII);
      sections.add(
          name + " row " + row + ": " + runs.hits(KeyKind.SECTION, e) + "/" + runs.serverErrors(e));
    }
    assertThat(sections)
        .containsExactly("/b row 0: 1/0", "/a row 1: 2/1", Sections.NO_REQUEST + " row 3: 1/0");
    List<String> hosts = new ArrayList<>();
    for (int e = runs.entriesFrom(KeyKind.CLIENT, 0); e < runs.entriesTo(KeyKind.CLIENT, 0); e++) {
      hosts.add(
          "row "
              + runs.row(KeyKind.CLIENT, e)
              + ": "
              + runs.hits(KeyKind.CLIENT, e)
              + " "
              + runs.clientBytes(e));
    }
    assertThat(hosts).containsExactly("row 0: 3 17", "row 1: 1 5");
    List<String> methods = new ArrayList<>();
    for (int e = runs.entriesFrom(KeyKind.METHOD, 0); e < runs.entriesTo(KeyKind.METHOD, 0); e++) {
      methods.add("row " + runs.row(KeyKind.METHOD, e) + ": " + runs.hits(KeyKind.METHOD, e));
    }
    assertThat(methods).containsExactly("row 0: 2", "row 1: 1", "row 3: 1");
    List<String> statuses = new ArrayList<>();
    for (int e = runs.entriesFrom(KeyKind.STATUS, 0); e < runs.entriesTo(KeyKind.STATUS, 0); e++) {
      statuses.add(runs.statusCode(e) + ": " + runs.hits(KeyKind.STATUS, e));
    }
    assertThat(statuses).containsExactly("200: 2", "503: 1", "404: 1");

    // A single line's run has no entries.
    assertThat(runs.entriesTo(KeyKind.SECTION, 1)).isEqualTo(runs.entriesFrom(KeyKind.SECTION, 1));
    assertThat(runs.entriesTo(KeyKind.CLIENT, 1)).isEqualTo(runs.entriesFrom(KeyKind.CLIENT, 1));
  }

  @Test
  void buildingAgainForgetsTheOldRuns() {
    RunSums runs = sums(parse(line("10.0.0.1", "GET /a/1 HTTP/1.1", T0, 200, "1")));
    assertThat(runs.count()).isEqualTo(1);
    runs.build(parse(""));
    assertThat(runs.count()).isZero();
    assertThat(runs.rows()).isZero();
  }

  private static RunSums sums(ParsedLines l) {
    RunSums runs = new RunSums();
    runs.build(l);
    return runs;
  }

  private static List<String> ranges(RunSums runs) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < runs.count(); r++) {
      out.add("[" + runs.from(r) + "," + runs.to(r) + ")" + (runs.grouped(r) ? " grouped" : ""));
    }
    return out;
  }
}
