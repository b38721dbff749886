package dev.logmon.present.web;

import dev.logmon.present.MonitorView;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * {@code /metrics}: logmon's metrics ({@link LogmonMetrics}) and the client's JVM and process
 * metrics, served by the Prometheus client's own scrape handler, which negotiates the format
 * (Prometheus text, OpenMetrics, protobuf) from {@code Accept}, gzips for {@code Accept-Encoding:
 * gzip} and honours {@code name[]} filters. Only {@code WebHandler}'s {@code /metrics} route, which
 * hands the handler a {@link PrometheusHttpExchange} answered into memory ({@link
 * BufferedScrapeExchange}), is server-specific.
 *
 * <p>Thread-safe: the handler and the registry serve concurrent scrapes.
 */
public final class MetricsEndpoint {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusScrapeHandler handler;

  /** Metrics of the views {@code views} returns (null before the first). */
  public MetricsEndpoint(Supplier<MonitorView> views) {
    registry.register(new LogmonMetrics(views, version()));
    // Defaults, not PrometheusProperties.get(): no system property or file changes what we serve.
    PrometheusProperties config = PrometheusProperties.builder().build();
    JvmMetrics.builder(config).register(registry);
    this.handler = new PrometheusScrapeHandler(config, registry);
  }

  /** Answers one scrape; the exchange is closed afterwards. */
  public void serve(PrometheusHttpExchange exchange) throws IOException {
    handler.handleRequest(exchange);
  }

  /** Writes every metric in the Prometheus text format, as a plain scrape gets them. */
  public void write(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }

  /** The version in the jar's manifest, or "development" when run from classes. */
  static String version() {
    String v = MetricsEndpoint.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
