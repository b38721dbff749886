package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.present.SourceView;
import dev.logmon.source.DescriptorLimit;
import dev.logmon.source.FileTailer;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.TailOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay counts each file as follow mode does (regressions of issue 14): lines over the cap are
 * counted as oversize, not parsed and not malformed, on both replay paths; a replay stopped part
 * way does not call its file done.
 */
class ReplayCountersTest {
  private static final int CAP = TailOptions.DEFAULT_MAX_LINE_BYTES; // a 1 MB line is over it

  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();

  static String line(int second, String agent) {
    return "192.0.2.1 - - [10/Oct/2000:13:55:"
        + (10 + second)
        + " +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \""
        + agent
        + "\"\n";
  }

  /** 20 ordinary lines and two valid ones over the cap: a 1 MB user agent and a 70 KB one. */
  Path logWithOversizeLines() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append(line(i, "ua"));
    }
    b.append(line(10, "m".repeat(1 << 20)));
    for (int i = 0; i < 10; i++) {
      b.append(line(11 + i, "ua"));
    }
    b.append(line(21, "k".repeat(70_000)));
    return Files.writeString(dir.resolve("long.log"), b);
  }

  Monitor monitor(Supplier<List<SourceView>> sources, Presenter presenter) {
    return new Monitor(
        MonitorHarness.config(true, 10, 60, 3, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        dev.logmon.parse.RowParser.clf(),
        new Aggregator(new AggregatorConfig(60, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 1e9),
        presenter,
        ZoneOffset.UTC,
        notes::add,
        sources);
  }

  static LifetimeTotals totals(Monitor m) {
    return m.latest().traffic().lifetime();
  }

  @Test
  void oversizeLinesAreCountedNotParsedInReplayAsInFollowMode() throws Exception {
    Path log = logWithOversizeLines();
    for (boolean positional : new boolean[] {true, false}) {
      ReplayRun run = new ReplayRun(List.of(log), CAP);
      if (!positional) {
        run.sequentialReads();
      }
      Monitor m = monitor(run::sources, new Quiet());
      run.run(m);
      SourceView source = run.sources().get(0);
      assertThat(source.status().oversizeLines()).as("positional reads " + positional).isEqualTo(2);
      assertThat(source.status().lines()).isEqualTo(22);
      assertThat(source.state()).isEqualTo("done");
      assertThat(totals(m).hits()).isEqualTo(20);
      assertThat(totals(m).malformedTotal()).as("positional reads " + positional).isZero();
    }
    // Follow mode, reading the same file from its start, counts the same.
    FileTailer tailer =
        new FileTailer(
            log,
            TailOptions.follow("long.log").withFromStart(true),
            n -> {},
            null,
            new DescriptorLimit());
    Monitor m = monitor(List::of, new Quiet());
    tailer.pollOnce(m::accept);
    m.finish();
    SourceStatus status = tailer.status();
    assertThat(status.oversizeLines()).isEqualTo(2);
    assertThat(totals(m).hits()).isEqualTo(20);
    assertThat(totals(m).malformedTotal()).isZero();
    assertThat(notes).isEmpty();
  }

  @Test
  void aReplayStoppedPartWayDoesNotCallItsFileDone() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      b.append(line(i % 40, "ua"));
    }
    Path log = Files.writeString(dir.resolve("big.log"), b);
    ReplayRun[] run = new ReplayRun[1];
    // Many small chunks: a stop lands between two of them (the one in hand is still counted).
    for (int threads : new int[] {1, 2}) {
      run[0] = new ReplayRun(List.of(log), 256, threads, 4096);
      Presenter stopAtFirstReport =
          new Quiet() {
            @Override
            public void report(MonitorView view) {
              run[0].stop(); // as Ctrl-C or SIGTERM does
            }
          };
      Monitor m = monitor(run[0]::sources, stopAtFirstReport);
      run[0].run(m);
      SourceView source = run[0].sources().get(0);
      assertThat(source.state()).as("%d threads", threads).isEqualTo("stopped");
      assertThat(source.status().lines()).isPositive().isLessThan(20_000);
    }
  }

  /** A presenter that shows nothing. */
  static class Quiet implements Presenter {
    @Override
    public void report(MonitorView view) {}

    @Override
    public void alert(AlertEvent event, MonitorView view) {}

    @Override
    public void summary(MonitorView view) {}
  }
}
