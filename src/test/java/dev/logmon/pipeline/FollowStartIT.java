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
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.TailOptions;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow mode opens its files when it starts, not after its JIT warm-up (0.2-0.7 s): lines written
 * while the warm-up runs are counted, not skipped by a tailer that would seek to the end of a file
 * they are already in.
 *
 * <p>No timing is assumed: the watcher's thread records when it has first looked at the file, the
 * pipeline thread when the warm-up ended (its first reading of the clock, to start the monitor),
 * and the test checks their order, then writes lines only between the two and expects every one.
 */
class FollowStartIT {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

  @TempDir Path dir;

  /** Order of events across threads: 0 until it happened, then its place in the sequence. */
  private final AtomicLong sequence = new AtomicLong();

  private final AtomicLong firstLook = new AtomicLong();
  private final AtomicLong warmUpEnded = new AtomicLong();

  @Test
  void linesWrittenDuringTheWarmUpAreCounted() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    FileTailer tailer =
        new FileTailer(
            log, TailOptions.follow(log.toString()), n -> {}, null, new DescriptorLimit());
    LogSource watched = recordingFirstLook(tailer);
    InstantSource clock =
        () -> {
          warmUpEnded.compareAndSet(0, sequence.incrementAndGet());
          return Instant.now();
        };
    FollowRun run = new FollowRun(List.of(watched), Duration.ofMillis(250), clock, n -> {});
    run.warmUpJit(
        p ->
            new Monitor(
                MonitorHarness.config(
                    false, 10, 120, 0, true, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
                dev.logmon.parse.RowParser.clf(),
                new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
                new AlertEngine(AlertRule.ABSOLUTE, 1e9),
                p,
                ZoneOffset.UTC,
                n -> {},
                List::of));
    Monitor m =
        new Monitor(
            MonitorHarness.config(
                false, 10, 120, 0, true, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
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
    int written = 0;
    try {
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      while (firstLook.get() == 0 && warmUpEnded.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(firstLook.get()).as("the watcher looked at its file").isPositive();
      // Lines written now, while the warm-up may still run, wait in the file and the queue.
      try (FileOutputStream out = new FileOutputStream(log.toFile(), true)) {
        while (warmUpEnded.get() == 0 && System.nanoTime() < deadline) {
          String ts = CLF.format(Instant.now().atOffset(ZoneOffset.UTC));
          out.write(
              ("10.0.0.1 - - [" + ts + "] \"GET /a/" + written + " HTTP/1.1\" 200 1\n")
                  .getBytes(StandardCharsets.US_ASCII));
          written++;
          Thread.sleep(2);
        }
      }
      assertThat(warmUpEnded.get())
          .as("the watcher opened its file before the warm-up ended")
          .isGreaterThan(firstLook.get());
      while (m.linesCounted() < written && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(m.linesCounted()).as("lines written during the warm-up").isEqualTo(written);
    } finally {
      run.stop();
      pipeline.join(10_000);
    }
  }

  /** The watcher, recording (on the thread that does it) when it has fixed its file's start. */
  private LogSource recordingFirstLook(LogSource w) {
    return new LogSource() {
      @Override
      public void start() {
        w.start();
        firstLook.compareAndSet(0, sequence.incrementAndGet());
      }

      @Override
      public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
          throws InterruptedException {
        w.run(sink, pollInterval, stop);
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
