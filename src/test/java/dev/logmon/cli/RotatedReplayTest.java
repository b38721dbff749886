package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replaying a rotated set as a shell glob lists it ({@code access.log access.log.1
 * access.log.2.gz}): gzip is read, the files are put in time order, and a truncated gzip keeps what
 * it holds. Each case runs with the built-in parser (the parallel byte path) and with a format
 * string (the line-by-line path).
 */
class RotatedReplayTest {
  private static final String COMBINED =
      "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"";

  @TempDir Path dir;
  private String all;
  private String[] parts;

  @BeforeEach
  void writeLog() {
    // 90 minutes in 5-minute blocks of 0.14 and 20 hits/s: alerts fire and recover, so any
    // misordering changes the reports.
    StringBuilder log = new StringBuilder();
    long start = 971_136_000L; // 2000-10-10T00:00:00Z
    int lines = 0;
    StringBuilder[] thirds = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
    for (int s = 0; s < 3 * 1800; s += 7) {
      int hits = (s / 300) % 2 == 0 ? 1 : 20 * 7;
      for (int h = 0; h < hits; h++) {
        String line =
            "10.0.%d.%d - - [%s] \"GET /s%d/page HTTP/1.1\" %d %d \"-\" \"t\"\n"
                .formatted(
                    h % 7,
                    lines % 200,
                    java.time.format.DateTimeFormatter.ofPattern(
                            "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT)
                        .format(
                            java.time.Instant.ofEpochSecond(start + s)
                                .atOffset(java.time.ZoneOffset.UTC)),
                    lines % 5,
                    lines % 13 == 0 ? 503 : 200,
                    lines % 1000);
        log.append(line);
        thirds[s / 1800].append(line);
        lines++;
      }
    }
    all = log.toString();
    parts = Arrays.stream(thirds).map(StringBuilder::toString).toArray(String[]::new);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String format, String... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = new String[files.length + 5];
    args[0] = "--replay";
    args[1] = "-o";
    args[2] = "json";
    args[3] = "--format";
    args[4] = format;
    System.arraycopy(files, 0, args, 5, files.length);
    int code =
        LogmonCommand.commandLine(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InstantSource.system(),
                ConfigLocations.NONE)
            .execute(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The reports without the per-file {@code sources} part, which names the files. */
  private static String reports(String json) {
    return json.replaceAll(",\"sources\":\\[.*?\\]\\}", "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", COMBINED})
  void aRotatedSetGivenNewestFirstCountsExactlyAsTheWholeLog(String format) throws IOException {
    Path whole = Files.writeString(dir.resolve("whole.log"), all);
    Path current = Files.writeString(dir.resolve("access.log"), parts[2]);
    Path one = Files.writeString(dir.resolve("access.log.1"), parts[1]);
    Path two = Files.write(dir.resolve("access.log.2.gz"), gzip(parts[0]));

    Run expected = run(format, whole.toString());
    Run rotated = run(format, current.toString(), one.toString(), two.toString());

    assertThat(rotated.code()).isZero();
    assertThat(expected.out()).contains("\"type\":\"alert\"").contains("\"type\":\"recovery\"");
    assertThat(reports(rotated.out())).isEqualTo(reports(expected.out()));
    assertThat(rotated.out()).contains("\"late_total\":0");
    assertThat(rotated.err())
        .contains(
            "logmon: replay: reading the files in the order of their first timestamps: "
                + two
                + ", "
                + one
                + ", "
                + current);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", COMBINED})
  void aTruncatedGzipCountsWhatItHoldsNamesTheFileAndExitsOne(String format) throws IOException {
    byte[] whole = gzip(parts[0]);
    Path cut = Files.write(dir.resolve("access.log.2.gz"), Arrays.copyOf(whole, whole.length / 2));
    Path one = Files.writeString(dir.resolve("access.log.1"), parts[1]);
    long decompressed;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(cut))) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        in.transferTo(got);
      } catch (IOException expectedEof) {
        // what zcat prints before "unexpected end of file"
      }
      decompressed = got.toString(StandardCharsets.UTF_8).lines().count();
    }
    long secondFile = parts[1].lines().count();

    Run r = run(format, cut.toString(), one.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("logmon: " + cut + ": read failed after " + decompressed + " lines: ")
        .contains("Unexpected end of ZLIB input stream");
    String summary = r.out().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(summary)
        .startsWith("{\"type\":\"summary\"")
        .contains("\"state\":\"error\",\"lines\":" + decompressed + ",")
        .contains("\"read_errors\":1")
        .contains("\"state\":\"done\",\"lines\":" + secondFile + ",");
    // Every decompressed line counted: complete ones as hits, the cut last one as malformed.
    assertThat(summary).contains("\"hits_total\":" + (decompressed - 1 + secondFile) + ",");
    assertThat(summary).contains("\"malformed_total\":1,");
  }
}
