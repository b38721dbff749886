package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.RequestCounts;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.RowParser;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.Batches;
import dev.logmon.source.StdinSource;
import dev.logmon.source.TailOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelled request counters behind /metrics count exactly the hits of {@code hits_total} on
 * every input path (follow mode's batches, standard input, a replay), with late, future, malformed
 * and non-ASCII lines among them: there is one counting path, so no path can count differently.
 */
class RequestCountsEveryPathTest {
  private static final long T = 1_700_000_000L;
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  private static String line(long second, String method, String path, int status) {
    return "10.0.0."
        + (second % 7)
        + " - - ["
        + CLF.format(Instant.ofEpochSecond(second))
        + "] \""
        + method
        + " "
        + path
        + " HTTP/1.1\" "
        + status
        + " 512 \"-\" \"test\"";
  }

  /** 200 hits over 5 seconds, a late one, a future one, a non-ASCII one, 3 malformed lines. */
  private static List<String> lines() {
    List<String> out = new ArrayList<>();
    String[] methods = {"GET", "POST", "HEAD", "BREW"};
    int[] statuses = {200, 404, 503, 302};
    for (int i = 0; i < 200; i++) {
      out.add(line(T + i / 40, methods[i % 4], "/s" + (i % 9) + "/x", statuses[i % 3]));
    }
    out.add(line(T - 3_600, "GET", "/old", 200)); // late: older than every window
    out.add(line(4_070_908_800L, "GET", "/far", 200)); // 2099: future
    out.add(line(T + 4, "GET", "/caf\u00e9/menu", 200)); // a record row (non-ASCII key)
    out.add("not a log line");
    out.add("");
    out.add(line(T + 4, "GET", "/s1/x", 200).replace("\"GET /s1/x HTTP/1.1\"", "\"-\""));
    return out;
  }

  private static final long HITS = 204; // 200 + late + future + non-ASCII + the "-" request

  private static Monitor monitor(boolean replay) {
    return new Monitor(
        MonitorHarness.config(replay, 10, 10, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
        RowParser.clf(),
        new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 1_000),
        new Presenter() {
          @Override
          public void report(MonitorView view) {}

          @Override
          public void alert(AlertEvent event, MonitorView view) {}

          @Override
          public void summary(MonitorView view) {}
        },
        ZoneOffset.UTC,
        note -> {},
        List::of);
  }

  private static void assertCountsEveryHit(Monitor m) {
    LifetimeTotals life = m.latest().traffic().lifetime();
    RequestCounts requests = life.requests();
    long labelled = requests.series().stream().mapToLong(RequestCounts.Series::requests).sum();
    assertThat(life.hits()).isEqualTo(HITS);
    assertThat(labelled).as("sum of logmon_http_requests_total").isEqualTo(life.hits());
    assertThat(life.late()).isEqualTo(1);
    assertThat(life.future()).isEqualTo(1);
  }

  @Test
  void followModeBatches() {
    Monitor m = monitor(false);
    m.startAt(T);
    m.accept(Batches.of("a.log", 1, lines()));
    m.tick(T + 6);
    m.finish();
    assertCountsEveryHit(m);
  }

  @Test
  void standardInput() throws InterruptedException {
    Monitor m = monitor(false);
    m.startAt(T);
    byte[] input = (String.join("\n", lines()) + "\n").getBytes(StandardCharsets.UTF_8);
    new StdinSource(
            new ByteArrayInputStream(input), TailOptions.follow(StdinSource.NAME), note -> {})
        .run(m::accept);
    m.tick(T + 6);
    m.finish();
    assertCountsEveryHit(m);
  }

  @Test
  void replay() throws IOException {
    Path log = dir.resolve("access.log");
    Files.write(log, lines(), StandardCharsets.UTF_8);
    Monitor m = monitor(true);
    new ReplayRun(List.of(log), 1 << 16, 2).run(m);
    assertCountsEveryHit(m);
  }
}
