package dev.logmon.present.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code /metrics}: the one place where the web server meets the Prometheus client. The exposition
 * is written into memory first (a few kilobytes) and then sent without blocking, so a scraper that
 * reads slowly never holds a server thread.
 */
final class MetricsRoute {
  private final LogmonMetrics metrics;

  MetricsRoute(LogmonMetrics metrics) {
    this.metrics = metrics;
  }

  /** The content type of {@link #body()}. */
  String contentType() {
    return metrics.contentType();
  }

  /** The current exposition. */
  byte[] body() {
    ByteArrayOutputStream b = new ByteArrayOutputStream(8192);
    try {
      metrics.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return b.toByteArray();
  }
}
