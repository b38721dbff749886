package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.ClfParser;
import dev.logmon.present.JsonPresenter;
import dev.logmon.source.FileTailer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follow mode opens its files when it starts, not after its JIT warm-up (0.2-0.7 s): lines written
 * while the warm-up runs are counted, not skipped by a tailer that would seek to the end of a file
 * they are already in.
 */
class FollowStartIT {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

  @TempDir Path dir;

  @Test
  void linesWrittenDuringTheWarmUpAreCounted() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    FileTailer tailer = new FileTailer(log, TailOptions.follow(log.toString()), n -> {});
    FollowRun run =
        new FollowRun(
            List.of(Watcher.of(tailer, Duration.ofMillis(250))), InstantSource.system(), n -> {});
    run.warmUpJit(120, 10);
    Monitor m =
        new Monitor(
            new MonitorConfig(false, 10, 120, 0, true),
            new ClfParser(),
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
    // One line every 5 ms from the moment the run starts, for 0.6 s: the warm-up takes longer
    // than the first 50 ms, so a tailer opened after it would miss far more than 10 lines.
    int written = 0;
    try (FileOutputStream out = new FileOutputStream(log.toFile(), true)) {
      long start = System.nanoTime();
      while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(600)) {
        long second = System.currentTimeMillis() / 1000;
        String ts = CLF.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
        out.write(
            ("10.0.0.1 - - [" + ts + "] \"GET /a/" + written + " HTTP/1.1\" 200 1\n")
                .getBytes(StandardCharsets.US_ASCII));
        written++;
        Thread.sleep(5);
      }
    }
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (m.linesCounted() < written - 10 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(m.linesCounted()).as("of %d lines written", written).isGreaterThan(written - 10);
    } finally {
      run.stop();
      pipeline.join(10_000);
    }
  }
}
