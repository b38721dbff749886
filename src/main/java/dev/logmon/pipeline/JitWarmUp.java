package dev.logmon.pipeline;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.RowParser;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.LineBatch;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs follow mode's path (batches of lines, the Common/Combined parser, counting, alerts and
 * snapshots) over synthetic lines on throwaway objects before the pipeline takes its first batch
 * (the watchers have already opened their files), so that the JIT has compiled it before the first
 * real burst: without it, a follow started on a file written at 200,000 lines/s waits up to 0.6 s
 * for its first bursts while the path runs interpreted.
 */
final class JitWarmUp {
  /** Synthetic lines: enough for C1 to compile every method on the path, about 0.1-0.2 s. */
  static final int LINES = 60_000;

  private JitWarmUp() {}

  /** Runs the warm-up with the run's window and report interval; touches no shared state. */
  static void run(int windowSeconds, int intervalSeconds) {
    Presenter discard =
        new Presenter() {
          @Override
          public void report(MonitorView view) {}

          @Override
          public void alert(AlertEvent event, MonitorView view) {}

          @Override
          public void summary(MonitorView view) {}
        };
    Monitor m =
        new Monitor(
            new MonitorConfig(false, intervalSeconds, windowSeconds, 0, true),
            RowParser.clf(),
            new Aggregator(new AggregatorConfig(windowSeconds, 10, intervalSeconds, 10)),
            new AlertEngine(AlertRule.ABSOLUTE, 10),
            discard,
            ZoneOffset.UTC,
            note -> {},
            List::of);
    long start = 946_684_800L; // 2000-01-01T00:00:00Z
    m.startAt(start);
    byte[] text = lines().getBytes(StandardCharsets.ISO_8859_1);
    int read = 0;
    int from = 0;
    while (from < text.length) {
      // Batches of 1,024 lines, as a watcher hands them over.
      int to = from;
      for (int n = 0; n < 1024 && to < text.length; to++) {
        n += text[to] == '\n' ? 1 : 0;
      }
      byte[] batch = java.util.Arrays.copyOfRange(text, from, to);
      int count = 0;
      for (byte c : batch) {
        count += c == '\n' ? 1 : 0;
      }
      m.tick(start + read / 2_000); // a wall clock keeping up with the lines
      m.accept(new LineBatch("(warm-up)", read + 1, batch, batch.length, count, null, new int[0]));
      m.publish();
      read += count;
      from = to;
    }
    m.tick(start + LINES / 2_000 + 1);
  }

  /** {@link #LINES} varied Combined lines, 2,000 per second of log time. */
  private static String lines() {
    String[] sections = {"/", "/api/users", "/static/app.js", "/blog/post", "/login"};
    int[] statuses = {200, 200, 304, 404, 500};
    StringBuilder s = new StringBuilder(LINES * 120);
    for (int i = 0; i < LINES; i++) {
      int second = i / 2_000;
      s.append("10.")
          .append(i % 7)
          .append('.')
          .append(i % 251)
          .append('.')
          .append(i % 13)
          .append(" - - [01/Jan/2000:00:")
          .append(second / 60 < 10 ? "0" : "")
          .append(second / 60)
          .append(':')
          .append(second % 60 < 10 ? "0" : "")
          .append(second % 60)
          .append(" +0000] \"GET ")
          .append(sections[i % sections.length])
          .append("?i=")
          .append(i)
          .append(" HTTP/1.1\" ")
          .append(statuses[i % statuses.length])
          .append(' ')
          .append(i % 5_000)
          .append(" \"-\" \"Mozilla/5.0 (warm-up)\"\n");
    }
    return s.toString();
  }
}
