import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.filter.FilterSet;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.pipeline.HistoryFile;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.pipeline.ReplayRun;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.present.report.ReportHtml;
import dev.logmon.present.report.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The time to render the --report of a replayed log, apart from the replay: replays LOG once with
 * the defaults (breakdowns on), then renders the final view's JSON and HTML report RUNS times (after as many
 * warm-up renders) and prints the median and the sizes; then writes the --persist history file of the
 * same state as often and prints its median time and size.
 *
 * <p>Run: {@code java -cp target/logmon-0.1.0-all.jar bench/ReportTiming.java LOG [RUNS]}
 */
public class ReportTiming {
  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    MonitorView[] last = new MonitorView[1];
    Presenter capture =
        new Presenter() {
          @Override
          public void report(MonitorView view) {}

          @Override
          public void alert(AlertEvent event, MonitorView view) {}

          @Override
          public void summary(MonitorView view) {
            last[0] = view;
          }
        };
    Monitor m =
        new Monitor(
            new MonitorConfig(true, 10, 120, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS)
                .withIngest(FilterSet.NONE, 1, true), // breakdowns on, as by default
            LogFormats.parser("auto", n -> {}),
            new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
            new AlertEngine(AlertRule.named("absolute"), 10),
            capture,
            ZoneOffset.UTC,
            n -> {},
            List::of);
    m.showHistory(false);
    long t0 = System.nanoTime();
    new ReplayRun(List.of(log), 64 * 1024).run(m);
    long replayMs = (System.nanoTime() - t0) / 1_000_000;
    double[] json = new double[runs];
    double[] html = new double[runs];
    String j = "";
    String h = "";
    for (int i = -runs; i < runs; i++) {
      long a = System.nanoTime();
      j = ReportJson.of(last[0], Instant.EPOCH);
      long b = System.nanoTime();
      h = ReportHtml.of(j);
      long c = System.nanoTime();
      if (i >= 0) {
        json[i] = (b - a) / 1e6;
        html[i] = (c - a) / 1e6;
      }
    }
    Arrays.sort(json);
    Arrays.sort(html);
    // What --persist writes every 5 s in follow mode: the lifetime state with the breakdown
    // sketches, as the history file.
    Path history = Files.createTempFile("report-timing", ".history");
    double[] persist = new double[runs];
    for (int i = -runs; i < runs; i++) {
      long a = System.nanoTime();
      HistoryFile.write(history, m.lifetimeState());
      if (i >= 0) {
        persist[i] = (System.nanoTime() - a) / 1e6;
      }
    }
    Arrays.sort(persist);
    System.out.printf(
        "history file (--persist) %.2f ms, %d bytes (median of %d)%n",
        persist[runs / 2], Files.size(history), runs);
    Files.delete(history);
    System.out.printf(
        "replay %d ms (%d hits); report JSON %.2f ms, %d bytes; HTML %.2f ms, %d bytes (medians of"
            + " %d)%n",
        replayMs,
        last[0].traffic().lifetime().hits(),
        json[runs / 2],
        j.length(),
        html[runs / 2],
        h.length(),
        runs);
  }
}
