package dev.logmon.pipeline;

import dev.logmon.source.LineBatch;
import dev.logmon.source.LineSplitter;
import dev.logmon.source.LogFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole file as the follow path hands it over: {@link LineBatch}es of up to 1,024 lines, cut to
 * the line cap by the source stage's {@link LineSplitter}. For tests that count a file batch by
 * batch beside a replay of it.
 */
final class FileBatches {
  private FileBatches() {}

  /**
   * Reads {@code log} (gzip too) into batches for {@code sink}; returns {lines, oversize lines}.
   */
  static long[] feed(Path log, int maxLine, Consumer<LineBatch> sink) throws IOException {
    LineSplitter splitter = new LineSplitter(maxLine);
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    List<Integer> cut = new ArrayList<>();
    int[] count = {0};
    long[] first = {1};
    Runnable flush =
        () -> {
          byte[] b = pending.toByteArray();
          int[] cuts = cut.stream().mapToInt(Integer::intValue).toArray();
          sink.accept(new LineBatch(log.toString(), first[0], b, b.length, count[0], null, cuts));
          first[0] += count[0];
          count[0] = 0;
          pending.reset();
          cut.clear();
        };
    LineSplitter.Lines lines =
        (b, off, len, isCut) -> {
          pending.write(b, off, len);
          pending.write('\n');
          if (isCut) {
            cut.add(count[0]);
          }
          if (++count[0] == 1024) {
            flush.run();
          }
        };
    try (InputStream in = LogFiles.open(log)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        splitter.feed(buf, 0, n, lines);
      }
    }
    splitter.flush(lines);
    if (count[0] > 0) {
      flush.run();
    }
    return new long[] {splitter.lines(), splitter.oversizeLines()};
  }
}
