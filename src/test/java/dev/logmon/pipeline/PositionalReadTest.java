package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.present.JsonPresenter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a plain file by byte ranges in the parse threads ({@link ChunkedReplay#replayFile}) cuts
 * it into exactly the lines a stream read cuts ({@link ChunkedReplay#replay}): same count, same
 * malformed lines quoted with the same numbers, same report. The files are built to put line ends,
 * CRLFs, over-long lines and a last line without a newline on and around chunk boundaries.
 */
class PositionalReadTest {
  private static final int MAX_LINE = 256;

  @TempDir Path dir;

  @Test
  void emptyAndNewlineOnlyFiles() throws IOException {
    for (String text : new String[] {"", "\n", "\n\n\n", "\r\n", "x", "x\n"}) {
      assertSameLines(text.getBytes(StandardCharsets.ISO_8859_1), 2 * (MAX_LINE + 2), 2);
    }
  }

  @Test
  void randomFilesCutAtEveryKindOfBoundary() throws IOException {
    for (long seed = 1; seed <= 60; seed++) {
      Random r = new Random(seed);
      byte[] text = randomLog(r);
      int[] chunks = {2 * (MAX_LINE + 2), 2 * (MAX_LINE + 2) + 1, 700, 1_031, 4_096};
      assertSameLines(text, chunks[r.nextInt(chunks.length)], 1 + r.nextInt(3));
    }
  }

  @Test
  void aLineLongerThanSeveralChunks() throws IOException {
    String good = "1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] \"GET /a/b HTTP/1.1\" 200 5\n";
    String text = good + "y".repeat(5_000) + "\n" + good + "z".repeat(3_000) + good;
    assertSameLines(text.getBytes(StandardCharsets.ISO_8859_1), 2 * (MAX_LINE + 2), 2);
  }

  private byte[] randomLog(Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = r.nextInt(200);
    for (int i = 0; i < lines; i++) {
      int kind = r.nextInt(10);
      String line;
      if (kind < 5) {
        line =
            "10.0."
                + r.nextInt(3)
                + "."
                + r.nextInt(9)
                + " - - [10/Oct/2000:13:"
                + (10 + r.nextInt(40))
                + ":36 +0000] \"GET /s"
                + r.nextInt(4)
                + "/x HTTP/1.1\" 200 "
                + r.nextInt(999);
      } else if (kind < 7) {
        line = "junk " + "j".repeat(r.nextInt(40));
      } else if (kind < 9) {
        line = "long " + "L".repeat(MAX_LINE - 20 + r.nextInt(MAX_LINE * 3));
      } else {
        line = r.nextBoolean() ? "" : "caf\u00e9 " + "\u00e9".repeat(r.nextInt(200));
      }
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      if (i < lines - 1 || r.nextBoolean()) {
        out.writeBytes(r.nextInt(5) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      }
    }
    return out.toByteArray();
  }

  private void assertSameLines(byte[] text, int chunkBytes, int threads) throws IOException {
    Path log = Files.write(dir.resolve("a.log"), text);
    Result stream;
    Result ranges;
    try (ChunkedReplay replay = new ChunkedReplay(MAX_LINE, threads, chunkBytes)) {
      stream =
          run(
              m ->
                  replay.replay(
                      Channels.newChannel(Files.newInputStream(log)), "a", m, () -> false));
      ranges =
          run(
              m -> {
                try (FileChannel f = FileChannel.open(log, StandardOpenOption.READ)) {
                  return replay.replayFile(f, f.size(), "a", m, () -> false);
                }
              });
    }
    String what = text.length + " bytes, " + chunkBytes + "-byte chunks, " + threads + " threads";
    assertThat(ranges.lines).as("lines of %s", what).isEqualTo(stream.lines);
    assertThat(ranges.notes).as("malformed lines of %s", what).isEqualTo(stream.notes);
    assertThat(ranges.out).as("report of %s", what).isEqualTo(stream.out);
  }

  private interface Replay {
    long into(Monitor m) throws IOException;
  }

  private record Result(long lines, List<String> notes, String out) {}

  private static Result run(Replay replay) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> notes = new ArrayList<>();
    Monitor m =
        new Monitor(
            MonitorHarness.config(
                true, 10, 30, Integer.MAX_VALUE, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
            dev.logmon.parse.RowParser.clf(),
            new Aggregator(new AggregatorConfig(30, 10, 10, 5)),
            new AlertEngine(AlertRule.ABSOLUTE, 10),
            new JsonPresenter(out),
            ZoneOffset.UTC,
            notes::add,
            List::of);
    long lines = replay.into(m);
    m.finish();
    return new Result(lines, notes, out.toString(StandardCharsets.UTF_8));
  }
}
