package dev.logmon.present.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * {@code /metrics}: the one place where the web server meets the Prometheus client. The client's
 * scrape handler ({@link MetricsEndpoint}) answers into memory ({@link BufferedScrapeExchange}),
 * and the server then sends the answer without blocking, so a scraper that reads slowly never holds
 * a server thread.
 */
final class MetricsRoute {
  /** What to send: a status, the body's type and encoding (null: none), and the body. */
  @SuppressWarnings("ArrayRecordComponent") // built once per scrape and sent, never compared
  record Answer(int status, String contentType, String contentEncoding, byte[] body) {}

  private final MetricsEndpoint metrics;

  MetricsRoute(MetricsEndpoint metrics) {
    this.metrics = metrics;
  }

  /**
   * The answer to {@code request}. A HEAD request is scraped as a GET, so that its headers (length,
   * encoding) are those of the GET; the server drops the body.
   */
  Answer answer(Request request) {
    BufferedScrapeExchange exchange =
        new BufferedScrapeExchange(
            "GET",
            request.getHttpURI().getPath(),
            request.getHttpURI().getQuery(),
            name -> request.getHeaders().getValuesList(name));
    try {
      metrics.serve(exchange);
    } catch (IOException e) {
      throw new UncheckedIOException("a scrape into memory cannot fail to write", e);
    }
    return new Answer(
        exchange.status(),
        exchange.header(HttpHeader.CONTENT_TYPE.asString()),
        exchange.header(HttpHeader.CONTENT_ENCODING.asString()),
        exchange.body());
  }
}
