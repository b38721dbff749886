package dev.logmon.present.web;

import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.RequestCounts;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.MonitorView;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * logmon's own Prometheus metrics, built from the newest published view at scrape time: one view
 * per scrape, so every metric of a scrape describes the same instant.
 *
 * <p>Counters are lifetime totals counted by the aggregate stage ({@link RequestCounts}), exact and
 * monotonic; their label sets are bounded there (sections, vhosts, methods, at most {@code 2000}
 * label sets) and here ({@link SourceMetrics}). Gauges of rates are in log time, as logmon's own
 * alert sees them, so a restart catching up a backlog moves no gauge that its alert would not. See
 * docs/FLEET.md for every name. Thread-safe: scrapes may run concurrently.
 */
final class LogmonMetrics implements MultiCollector {
  private final Supplier<MonitorView> views;
  private final String version;
  private final SourceMetrics sources = new SourceMetrics();

  /**
   * @param views the newest view, or null before the first
   * @param version logmon's version, for {@code logmon_build_info}
   */
  LogmonMetrics(Supplier<MonitorView> views, String version) {
    this.views = views;
    this.version = version;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(
        InfoSnapshot.builder()
            .name("logmon_build")
            .help("logmon's version; always 1.")
            .dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of("version", version))
                    .build())
            .build());
    MonitorView v = views.get();
    if (v != null) {
      requests(v.traffic().lifetime(), out);
      lines(v.traffic().lifetime(), out);
      statusCodes(v.breakdowns().statuses(), out);
      gauges(v, out);
      sources.collect(v.sources(), out);
    }
    return new MetricSnapshots(out);
  }

  private static void requests(LifetimeTotals l, List<MetricSnapshot> out) {
    RequestCounts r = l.requests();
    CounterSnapshot.Builder hits =
        CounterSnapshot.builder()
            .name("logmon_http_requests")
            .help(
                "HTTP requests (hits) in the access logs, by section, status class, method and"
                    + " vhost (when the log has one); values past a label's cap are (other).");
    for (RequestCounts.Series s : r.series()) {
      Labels labels =
          Labels.of("section", s.section(), "status_class", s.statusClass(), "method", s.method());
      hits.dataPoint(
          counter(
              (double) s.requests(), s.vhost() == null ? labels : labels.add("vhost", s.vhost())));
    }
    out.add(hits.build());
    List<RequestCounts.Durations> durations = r.durations();
    if (!durations.isEmpty()) {
      double[] bounds = bounds();
      HistogramSnapshot.Builder h =
          HistogramSnapshot.builder()
              .name("logmon_http_request_duration_seconds")
              .help("Request durations from the access logs, by section; for logs with durations.")
              .unit(Unit.SECONDS);
      for (RequestCounts.Durations d : durations) {
        h.dataPoint(
            HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(
                    ClassicHistogramBuckets.of(bounds, d.buckets().toArray(Long[]::new)))
                .sum(d.sumSeconds())
                .labels(Labels.of("section", d.section()))
                .build());
      }
      out.add(h.build());
    }
    out.add(
        counter(
            "logmon_http_response_bytes",
            "Response bytes sent, summed over every request in the access logs.",
            Unit.BYTES,
            counter((double) l.bytes(), Labels.EMPTY)));
  }

  /**
   * Requests by status code, from the breakdowns: at most 900 codes (100 to 999), so the label's
   * cardinality stays bounded whatever the log; absent when breakdowns are off.
   */
  private static void statusCodes(
      dev.logmon.aggregate.BreakdownTable codes, List<MetricSnapshot> out) {
    if (codes.rows().isEmpty()) {
      return;
    }
    CounterSnapshot.Builder b =
        CounterSnapshot.builder()
            .name("logmon_http_responses_by_code")
            .help("Requests by HTTP status code (a bounded label: 100 to 999).");
    for (dev.logmon.aggregate.Count c : codes.rows()) {
      b.dataPoint(counter((double) c.count(), Labels.of("code", c.key())));
    }
    out.add(b.build());
  }

  private static void lines(LifetimeTotals l, List<MetricSnapshot> out) {
    CounterSnapshot.Builder malformed =
        CounterSnapshot.builder()
            .name("logmon_malformed_lines")
            .help("Log lines that yielded no request, by reason.");
    for (MalformedReason reason : MalformedReason.values()) {
      malformed.dataPoint(
          counter(l.malformed().getOrDefault(reason, 0L), Labels.of("reason", reason.key())));
    }
    out.add(malformed.build());
    if (!l.filtered().isEmpty()) {
      // Rule labels are bounded by the rule limit (256 plus include and crawlers).
      CounterSnapshot.Builder filtered =
          CounterSnapshot.builder()
              .name("logmon_filtered_lines")
              .help("Requests left out by --include, --exclude or --ignore-crawlers, by rule.");
      for (dev.logmon.aggregate.Count c : l.filtered()) {
        filtered.dataPoint(counter((double) c.count(), Labels.of("rule", c.key())));
      }
      out.add(filtered.build());
    }
    out.add(
        counter(
            "logmon_late_lines",
            "Requests older than every window when read (a backlog): counted in the totals only.",
            null,
            counter((double) l.late(), Labels.EMPTY)));
    out.add(
        counter(
            "logmon_future_lines",
            "Requests stamped too far ahead to be placed in time (beyond --max-future of the wall"
                + " clock, or an isolated outlier in a replay): counted in the totals only.",
            null,
            counter((double) l.future(), Labels.EMPTY)));
  }

  private static void gauges(MonitorView v, List<MetricSnapshot> out) {
    TrafficSnapshot t = v.traffic();
    out.add(
        GaugeSnapshot.builder()
            .name("logmon_http_requests_per_second")
            .help(
                "Average requests per second over a window of log time: the last 10s, the alert"
                    + " window (what logmon's alert compares with its threshold), the lifetime.")
            .dataPoint(gauge(t.frame().rate(), Labels.of("window", "10s")))
            .dataPoint(gauge(t.window().rate(), Labels.of("window", "alert")))
            .dataPoint(gauge(t.lifetime().rate(), Labels.of("window", "lifetime")))
            .build());
    out.add(
        gauge(
            "logmon_log_time_seconds",
            "End of the last completed second of log time (Unix time) that the gauges describe.",
            Unit.SECONDS,
            (double) t.time().getEpochSecond()));
    out.add(
        gauge(
            "logmon_alert_active",
            "1 while logmon's high-traffic alert is raised.",
            null,
            v.alert().active() ? 1 : 0));
    out.add(
        gauge(
            "logmon_alert_threshold",
            "The high-traffic alert's threshold in requests per second (--threshold).",
            null,
            v.alert().threshold()));
    out.add(
        gauge(
            "logmon_alert_window_seconds",
            "The alert window's length (--window).",
            Unit.SECONDS,
            v.windowSeconds()));
    out.add(
        gauge(
            "logmon_latency_alert_active",
            "1 while logmon's latency alert (--latency-threshold) is raised.",
            null,
            v.latencyAlertActive() ? 1 : 0));
  }

  private static double[] bounds() {
    double[] seconds = RequestCounts.bucketSeconds();
    double[] b = java.util.Arrays.copyOf(seconds, seconds.length + 1);
    b[seconds.length] = Double.POSITIVE_INFINITY;
    return b;
  }

  static CounterDataPointSnapshot counter(double value, Labels labels) {
    return CounterDataPointSnapshot.builder().value(value).labels(labels).build();
  }

  static CounterSnapshot counter(
      String name, String help, Unit unit, CounterDataPointSnapshot point) {
    return CounterSnapshot.builder().name(name).help(help).unit(unit).dataPoint(point).build();
  }

  private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
    return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
  }

  private static GaugeSnapshot gauge(String name, String help, Unit unit, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .help(help)
        .unit(unit)
        .dataPoint(gauge(value, Labels.EMPTY))
        .build();
  }
}
