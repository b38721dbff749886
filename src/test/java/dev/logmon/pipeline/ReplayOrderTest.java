package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.RowParser;
import dev.logmon.parse.format.LogFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayOrderTest {
  @TempDir Path dir;

  private Path log(String name, String... times) throws IOException {
    StringBuilder s = new StringBuilder();
    for (String t : times) {
      s.append("10.0.0.1 - - [").append(t).append("] \"GET /a HTTP/1.1\" 200 5\n");
    }
    Path p = dir.resolve(name);
    if (name.endsWith(".gz")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write(s.toString().getBytes(StandardCharsets.UTF_8));
      }
      Files.write(p, bytes.toByteArray());
    } else {
      Files.writeString(p, s);
    }
    return p;
  }

  @Test
  void aRotatedSetGivenNewestFirstIsReadOldestFirst() throws IOException {
    Path current = log("access.log", "12/Oct/2000:00:00:00 +0000", "12/Oct/2000:00:00:01 +0000");
    Path one = log("access.log.1", "11/Oct/2000:00:00:00 +0000");
    Path two = log("access.log.2.gz", "10/Oct/2000:23:00:00 -0200"); // 11/Oct 01:00 UTC
    Path three = log("access.log.3.gz", "10/Oct/2000:00:00:00 +0000");
    List<Path> ordered =
        ReplayOrder.byFirstTimestamp(List.of(current, one, two, three), () -> RowParser.clf());
    assertThat(ordered).containsExactly(three, one, two, current);
  }

  @Test
  void filesWithoutATimestampGoLastInTheirGivenOrderAndTiesKeepTheirs() throws IOException {
    Path junk = dir.resolve("junk.log");
    Files.writeString(junk, "not a log line\n");
    Path empty = dir.resolve("empty.log");
    Files.writeString(empty, "");
    Path b = log("b.log", "10/Oct/2000:00:00:00 +0000");
    Path a = log("a.log", "10/Oct/2000:00:00:00 +0000");
    Path missing = dir.resolve("missing.log");
    assertThat(
            ReplayOrder.byFirstTimestamp(
                List.of(junk, b, missing, empty, a), () -> RowParser.clf()))
        .containsExactly(b, a, junk, missing, empty);
  }

  @Test
  void theFirstParsedLineCountsNotTheFirstLine() throws IOException {
    Path late = dir.resolve("late.log");
    Files.writeString(
        late, "garbage\n\n10.0.0.1 - - [10/Oct/2000:00:00:05 +0000] \"GET / HTTP/1.1\" 200 1\n");
    Path early = log("early.log", "10/Oct/2000:00:00:01 +0000");
    assertThat(ReplayOrder.byFirstTimestamp(List.of(late, early), () -> RowParser.clf()))
        .containsExactly(early, late);
  }

  @Test
  void eachFileIsPeekedWithTheFormatsParserAutoDetectingPerFile() throws IOException {
    Path w3c = dir.resolve("u_ex.log");
    Files.writeString(
        w3c,
        "#Software: Microsoft Internet Information Services 10.0\n"
            + "#Fields: date time c-ip cs-method cs-uri-stem sc-status\n"
            + "2000-10-11 00:00:00 10.0.0.1 GET /a 200\n");
    Path clf = log("access.log", "10/Oct/2000:00:00:00 +0000");
    assertThat(
            ReplayOrder.byFirstTimestamp(
                List.of(w3c, clf), () -> LogFormats.parser(LogFormats.AUTO, note -> {})))
        .containsExactly(clf, w3c);
  }

  @Test
  void standardInputCannotBePeekedSoTheOrderIsKept() throws IOException {
    Path late = log("b.log", "12/Oct/2000:00:00:00 +0000");
    Path early = log("a.log", "10/Oct/2000:00:00:00 +0000");
    List<Path> given = List.of(late, Path.of("-"), early);
    assertThat(ReplayOrder.byFirstTimestamp(given, () -> RowParser.clf())).isEqualTo(given);
  }
}
