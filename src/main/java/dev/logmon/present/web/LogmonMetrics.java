package dev.logmon.present.web;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.LatencySnapshot.Stats;
import dev.logmon.aggregate.LatencyWindows;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.MonitorView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * logmon's Prometheus metrics: callback counters and gauges that read the newest published view at
 * scrape time.
 *
 * <p>Counters are exact and monotonic because they are lifetime totals, never increments: each
 * labelled series maps a fixed set of log values onto one label (a section keeps its label once
 * {@link LifetimeTotals#sectionCounters} pinned it, a vhost once {@link
 * dev.logmon.aggregate.LatencySnapshot#vhostCounters} did; unknown methods always land in {@code
 * (other)}), and every lifetime total only grows. Cardinality is bounded: at most {@value
 * Aggregator#COUNTER_SECTIONS} sections plus {@code (other)}, {@value
 * LatencyWindows#COUNTER_VHOSTS} vhosts plus {@code (other)}, the common methods plus {@code
 * (other)}, six status classes, one series per malformed reason, two windows times three quantiles
 * of request duration.
 */
public final class LogmonMetrics {
  private static final Set<String> METHODS =
      Set.of(
          "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE", "(none)");

  /** Label values are clipped so a 64 KiB path cannot bloat every scrape. */
  private static final int MAX_LABEL = 120;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Supplier<MonitorView> views;

  public LogmonMetrics(Supplier<MonitorView> views) {
    this.views = views;
    counter("logmon_hits", "Log lines that yielded a hit.", (l, c) -> c.call(l.hits()));
    counter(
        "logmon_hits_by_section",
        "Hits by section; sections beyond the pinned top ones, and hits before pinning, are (other).",
        (l, c) -> merged(l.sectionCounters(), k -> k).forEach((k, v) -> c.call(v, k)),
        "section");
    counter(
        "logmon_hits_by_status_class",
        "Hits by HTTP status class.",
        (l, c) -> statusClasses(l.statusClasses()).forEach((k, v) -> c.call(v, k)),
        "class");
    counter(
        "logmon_hits_by_method",
        "Hits by request method; uncommon methods are (other).",
        (l, c) ->
            merged(l.methods(), k -> METHODS.contains(k) ? k : Aggregator.OTHER)
                .forEach((k, v) -> c.call(v, k)),
        "method");
    counter(
        "logmon_response_bytes",
        "Response bytes sent, summed over hits.",
        (l, c) -> c.call(l.bytes()));
    counter(
        "logmon_malformed_lines",
        "Log lines that yielded no hit, by reason.",
        (l, c) -> {
          for (MalformedReason r : MalformedReason.values()) {
            c.call(l.malformed().getOrDefault(r, 0L), r.key());
          }
        },
        "reason");
    counter(
        "logmon_late_lines",
        "Hits older than every window when they arrived (lifetime totals only).",
        (l, c) -> c.call(l.late()));
    counter(
        "logmon_future_lines",
        "Hits stamped too far ahead to be placed in time (beyond --max-future of the wall clock,"
            + " or an isolated outlier in a replay): lifetime totals only.",
        (l, c) -> c.call(l.future()));
    GaugeWithCallback.builder()
        .name("logmon_hits_per_second")
        .help("Average hits per second over a window of log time.")
        .labelNames("window")
        .callback(
            c -> {
              MonitorView v = views.get();
              if (v != null) {
                TrafficSnapshot t = v.traffic();
                c.call(t.frame().rate(), "10s");
                c.call(t.window().rate(), "alert");
                c.call(t.lifetime().rate(), "lifetime");
              }
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("logmon_hits_by_vhost")
        .help(
            "Hits by virtual host; vhosts beyond the pinned top ones, and hits before pinning, are"
                + " (other). Only for logs with a vhost.")
        .labelNames("vhost")
        .callback(
            c -> {
              MonitorView v = views.get();
              if (v != null) {
                merged(v.latency().vhostCounters(), k -> k).forEach((k, n) -> c.call(n, k));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("logmon_request_duration_seconds")
        .help(
            "Request duration quantiles over a window of log time, estimated from KLL sketches;"
                + " absent while the window holds no duration.")
        .labelNames("window", "quantile")
        .callback(
            c -> {
              MonitorView v = views.get();
              if (v != null) {
                quantiles(c, v.latency().frame(), "10s");
                quantiles(c, v.latency().window(), "alert");
              }
            })
        .register(registry);
    gauge(
        "logmon_latency_alert_active",
        "1 while the latency alert (--latency-threshold) is raised.",
        v -> v.latencyAlertActive() ? 1 : 0);
    gauge(
        "logmon_alert_active",
        "1 while the high-traffic alert is raised.",
        v -> v.alert().active() ? 1 : 0);
    gauge(
        "logmon_alert_threshold",
        "The alert threshold in hits per second.",
        v -> v.alert().threshold());
    gauge("logmon_alert_window_seconds", "The alert window in seconds.", v -> v.windowSeconds());
  }

  /** The text exposition format's content type. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Writes every metric in the text exposition format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  private void counter(
      String name,
      String help,
      BiConsumer<LifetimeTotals, CounterWithCallback.Callback> values,
      String... labels) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labels)
        .callback(
            c -> {
              MonitorView v = views.get();
              if (v != null) {
                values.accept(v.traffic().lifetime(), c);
              }
            })
        .register(registry);
  }

  private void gauge(String name, String help, java.util.function.ToDoubleFunction<MonitorView> f) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            c -> {
              MonitorView v = views.get();
              if (v != null) {
                c.call(f.applyAsDouble(v));
              }
            })
        .register(registry);
  }

  /** Sums counts by label; a fixed key-to-label map keeps each sum monotonic. */
  private static Map<String, Double> merged(
      List<Count> counts, java.util.function.UnaryOperator<String> label) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Count c : counts) {
      String k = label.apply(c.key());
      k = k.length() > MAX_LABEL ? k.substring(0, MAX_LABEL) : k;
      out.merge(k, (double) c.count(), Double::sum);
    }
    return out;
  }

  private static void quantiles(GaugeWithCallback.Callback c, Stats s, String window) {
    if (s.count() > 0) {
      c.call(s.p50() / 1e6, window, "0.5");
      c.call(s.p95() / 1e6, window, "0.95");
      c.call(s.p99() / 1e6, window, "0.99");
    }
  }

  private static Map<String, Double> statusClasses(StatusClasses s) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("1xx", (double) s.informational());
    out.put("2xx", (double) s.success());
    out.put("3xx", (double) s.redirect());
    out.put("4xx", (double) s.clientError());
    out.put("5xx", (double) s.serverError());
    out.put("other", (double) s.other());
    return out;
  }
}
