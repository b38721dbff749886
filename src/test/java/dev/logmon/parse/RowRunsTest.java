package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parsed chunk's runs: consecutive hits of one second and offset, summed by key in order of first
 * appearance, with every other line a run of its own.
 */
class RowRunsTest {
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
    new ChunkParser(1024).parse(bytes, 0, bytes.length, true, out);
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
    RowRuns runs = l.runs();
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
    for (int e = runs.sectionsFrom(0); e < runs.sectionsTo(0); e++) {
      int row = runs.sectionRow(e);
      String name =
          l.sectionPlaceholder(row) != null
              ? l.sectionPlaceholder(row)
              : new String(
                  l.buffer(),
                  l.sectionStart(row),
                  l.sectionEnd(row) - l.sectionStart(row),
                  StandardCharsets.US_ASCII);
      sections.add(name + " row " + row + ": " + runs.sectionHits(e) + "/" + runs.sectionErrors(e));
    }
    assertThat(sections)
        .containsExactly("/b row 0: 1/0", "/a row 1: 2/1", Sections.NO_REQUEST + " row 3: 1/0");
    List<String> hosts = new ArrayList<>();
    for (int e = runs.hostsFrom(0); e < runs.hostsTo(0); e++) {
      hosts.add("row " + runs.hostRow(e) + ": " + runs.hostHits(e) + " " + runs.hostBytes(e));
    }
    assertThat(hosts).containsExactly("row 0: 3 17", "row 1: 1 5");
    List<String> methods = new ArrayList<>();
    for (int e = runs.methodsFrom(0); e < runs.methodsTo(0); e++) {
      methods.add("row " + runs.methodRow(e) + ": " + runs.methodHits(e));
    }
    assertThat(methods).containsExactly("row 0: 2", "row 1: 1", "row 3: 1");
    List<String> statuses = new ArrayList<>();
    for (int e = runs.statusesFrom(0); e < runs.statusesTo(0); e++) {
      statuses.add(runs.statusCode(e) + ": " + runs.statusHits(e));
    }
    assertThat(statuses).containsExactly("200: 2", "503: 1", "404: 1");

    // A single line's run has no entries.
    assertThat(runs.sectionsTo(1)).isEqualTo(runs.sectionsFrom(1));
    assertThat(runs.hostsTo(1)).isEqualTo(runs.hostsFrom(1));
  }

  @Test
  void aNewChunkForgetsTheOldRunsUntilItIsGrouped() {
    ParsedLines l = parse(line("10.0.0.1", "GET /a/1 HTTP/1.1", T0, 200, "1"));
    assertThat(l.runs().count()).isEqualTo(1);
    l.reset(new byte[0], 0);
    assertThat(l.runs().count()).isZero();
    assertThat(l.runs().rows()).isZero();
  }

  private static List<String> ranges(RowRuns runs) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < runs.count(); r++) {
      out.add("[" + runs.from(r) + "," + runs.to(r) + ")" + (runs.grouped(r) ? " grouped" : ""));
    }
    return out;
  }
}
