package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.present.JsonPresenter;
import dev.logmon.present.Presenter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop during the JIT warm-up ends it within a batch, so the summary is not held up by it. */
class JitWarmUpTest {
  // The warm-up's own directory: a shared /tmp may hold another process's warm-up file.
  @TempDir Path scratch;

  @Test
  void aStopEndsTheWarmUpWithinABatch() {
    AtomicBoolean stopped = new AtomicBoolean();
    List<Monitor> twins = new ArrayList<>();
    JitWarmUp.run(
        p -> recorded(monitor(p), twins),
        () -> {
          // The stop arrives once the first twin has counted a few batches of lines.
          if (!twins.isEmpty() && twins.get(0).linesCounted() >= 1_000) {
            stopped.set(true);
          }
          return stopped.get();
        },
        scratch);
    assertThat(twins).as("no round after the stop").hasSize(1);
    assertThat(twins.get(0).linesCounted())
        .as("lines counted before the warm-up ended")
        .isBetween(1_000L, 1_000L + JitWarmUp.LARGE)
        .isLessThan(JitWarmUp.LINES);
  }

  /**
   * The first round's lines are appended to a temporary file and read back by a tailer, emptied
   * past 2 MiB along the way: the twin counts every one of them, and the file is gone afterwards.
   */
  @Test
  void theTwinCountsEveryLineReadBackThroughTheTemporaryFile() {
    AtomicBoolean sawFile = new AtomicBoolean();
    List<Monitor> twins = new ArrayList<>();
    JitWarmUp.run(
        p -> recorded(monitor(p), twins),
        () -> {
          if (!sawFile.get() && twins.get(0).linesCounted() > 0) {
            sawFile.set(warmUpFiles(scratch) > 0);
          }
          return twins.size() > 1; // once the first round has run to its end
        },
        scratch);
    assertThat(sawFile).as("a temporary file during the warm-up").isTrue();
    assertThat(twins.get(0).linesCounted()).isEqualTo(JitWarmUp.LINES);
    assertThat(warmUpFiles(scratch)).as("temporary files left").isZero();
  }

  private static long warmUpFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("logmon-warm-up-")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFollowRunStoppedDuringItsWarmUpPrintsTheSummary() throws Exception {
    FollowRun run =
        new FollowRun(List.of(), Duration.ofMillis(20), InstantSource.system(), n -> {});
    List<Monitor> twins = new ArrayList<>();
    run.warmUpJit(
        p -> {
          run.stop(); // as SIGTERM's hook does, while the warm-up runs
          return recorded(monitor(p), twins);
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run.run(monitor(new JsonPresenter(out)));
    assertThat(twins).hasSize(1);
    assertThat(twins.get(0).linesCounted()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"type\":\"summary\"");
  }

  /** {@code m}, added to {@code twins}: the warm-up's twins, in the order it made them. */
  private static Monitor recorded(Monitor m, List<Monitor> twins) {
    twins.add(m);
    return m;
  }

  private static Monitor monitor(Presenter p) {
    return new Monitor(
        MonitorHarness.config(false, 10, 120, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        dev.logmon.parse.RowParser.clf(),
        new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 1e9),
        p,
        ZoneOffset.UTC,
        n -> {},
        List::of);
  }
}
