package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.present.JsonPresenter;
import dev.logmon.source.BatchSink;
import dev.logmon.source.DescriptorLimit;
import dev.logmon.source.FileTailer;
import dev.logmon.source.GlobWatcher;
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.TailOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 14, the race behind UnreadableSourcesIT): a watcher thread that got to its file
 * late took the file's end as its start, skipping lines appended after logmon said it was
 * following. The run fixes every file's start before any watcher runs.
 */
class FollowRunStartTest {
  private static final String LINE =
      "10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 1\n";

  @TempDir Path dir;

  @Test
  void linesAppendedBeforeAWatcherThreadFirstPollsAreCounted() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), LINE); // old content: skipped
    Path globbed = Files.writeString(dir.resolve("other.log"), LINE);
    FileTailer tailer =
        new FileTailer(log, TailOptions.follow("access.log"), n -> {}, null, new DescriptorLimit());
    GlobWatcher glob =
        new GlobWatcher(
            dir.resolve("other*.log").toString(),
            TailOptions.follow("g"),
            n -> {},
            null,
            new DescriptorLimit());
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch appended = new CountDownLatch(1);
    LogSource late = late(tailer, running, appended);
    LogSource lateGlob = late(glob, running, appended);
    FollowRun run =
        new FollowRun(
            List.of(late, lateGlob), Duration.ofMillis(20), InstantSource.system(), n -> {});
    Monitor m =
        new Monitor(
            MonitorHarness.config(
                false, 10, 120, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
            dev.logmon.parse.RowParser.clf(),
            new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
            new AlertEngine(AlertRule.ABSOLUTE, 1e9),
            new JsonPresenter(OutputStream.nullOutputStream()),
            ZoneOffset.UTC,
            n -> {},
            run::sources);
    Thread pipeline =
        new Thread(
            () -> {
              try {
                run.run(m);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    pipeline.start();
    try {
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue(); // logmon runs: "following"
      Files.writeString(log, LINE + LINE, StandardOpenOption.APPEND);
      Files.writeString(globbed, LINE, StandardOpenOption.APPEND);
      appended.countDown(); // only now do the watcher threads poll
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (m.linesCounted() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(m.linesCounted()).isEqualTo(3);
    } finally {
      run.stop();
      pipeline.join(10_000);
    }
  }

  /** A source whose thread gets to work only once {@code go} opens. */
  private static LogSource late(LogSource w, CountDownLatch running, CountDownLatch go) {
    return new LogSource() {
      @Override
      public void start() {
        w.start();
      }

      @Override
      public void run(BatchSink sink, Duration poll, BooleanSupplier stop)
          throws InterruptedException {
        running.countDown();
        go.await();
        w.run(sink, poll, stop);
      }

      @Override
      public List<SourceStatus> statuses() {
        return w.statuses();
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }
}
