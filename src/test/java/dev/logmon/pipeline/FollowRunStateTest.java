package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.LineParser;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.BatchSink;
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.StateFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --state} and a line the pipeline cannot get past. */
class FollowRunStateTest {
  @TempDir Path dir;

  /**
   * A line that made counting fail kept the saved position before it, so every restart read it and
   * failed again.
   */
  @Test
  void aBatchWhoseCountingFailedIsNotReadAgainAfterARestart() throws Exception {
    Path state = dir.resolve("state.json");
    String log = java.nio.file.Files.writeString(dir.resolve("a.log"), "").toString();
    List<String> notes = new ArrayList<>();
    LogSource one =
        new LogSource() {
          @Override
          public void run(BatchSink sink, java.time.Duration poll, BooleanSupplier stop)
              throws InterruptedException {
            sink.put(CheckpointsTest.batch(log, 10));
            sink.put(CheckpointsTest.batch(log, 20)); // its line "x" breaks the parser
            while (!stop.getAsBoolean()) {
              java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
          }

          @Override
          public List<SourceStatus> statuses() {
            return List.of();
          }
        };
    FollowRun run =
        new FollowRun(
            List.of(one),
            java.time.Duration.ofMillis(50),
            InstantSource.fixed(Instant.ofEpochSecond(1_000)),
            n -> {});
    run.saveStateTo(new Checkpoints(state, Map.of(), notes::add));
    int[] seen = {0};
    LineParser breaksOnTheSecond =
        line -> {
          if (++seen[0] == 2) {
            throw new IllegalStateException("a bug met its line");
          }
          return MonitorHarness.TEXT.parse("1000 /a 200");
        };
    Monitor m =
        new Monitor(
            MonitorHarness.config(
                false, 10, 10, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
            new dev.logmon.parse.TextRows(breaksOnTheSecond, false),
            new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
            new AlertEngine(AlertRule.ABSOLUTE, 10),
            silent(),
            ZoneOffset.UTC,
            notes::add,
            List::of);
    assertThatThrownBy(() -> run.run(m)).hasMessage("a bug met its line");
    assertThat(StateFile.read(state, notes::add).get(log).offset()).isEqualTo(20);
  }

  private static Presenter silent() {
    return new Presenter() {
      @Override
      public void report(MonitorView view) {}

      @Override
      public void alert(AlertEvent event, MonitorView view) {}

      @Override
      public void summary(MonitorView view) {}
    };
  }
}
