package dev.logmon.present.web;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One scrape as the Prometheus client's handler sees it, answered into memory: the request is plain
 * values (so nothing here depends on the HTTP server in use), and the status, headers and body are
 * kept for the server to send without blocking once the handler is done.
 *
 * <p>A failed scrape answers a one-line 500 without a stack trace (nothing about logmon's insides
 * reaches the client) and logs nothing (the terminal dashboard owns the screen). Not thread-safe:
 * one scrape, one thread.
 */
final class BufferedScrapeExchange implements PrometheusHttpExchange {
  private final String method;
  private final String path;
  private final String query;
  private final Function<String, List<String>> headers;
  private final Map<String, String> responseHeaders = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
  private int status;

  /**
   * @param query the raw query string, or null
   * @param headers a request header's values by name (empty when absent)
   */
  BufferedScrapeExchange(
      String method, String path, String query, Function<String, List<String>> headers) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
  }

  /** The status sent, 0 before the handler sent one. */
  int status() {
    return status;
  }

  /** A response header the handler set, or null. */
  String header(String name) {
    return responseHeaders.get(name);
  }

  /** The body written. */
  byte[] body() {
    return body.toByteArray();
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return new PrometheusHttpRequest() {
      @Override
      public String getQueryString() {
        return query;
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.apply(name));
      }

      @Override
      public String getMethod() {
        return method;
      }

      @Override
      public String getRequestPath() {
        return path;
      }
    };
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return new PrometheusHttpResponse() {
      @Override
      public void setHeader(String name, String value) {
        responseHeaders.put(name, value);
      }

      @Override
      public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
        status = statusCode;
        return body;
      }
    };
  }

  @Override
  public void handleException(IOException e) {
    fail();
  }

  @Override
  public void handleException(RuntimeException e) {
    fail();
  }

  private void fail() {
    status = 500;
    responseHeaders.clear();
    responseHeaders.put("Content-Type", "text/plain; charset=utf-8");
    body.reset();
    body.writeBytes("metrics scrape failed\n".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    // Nothing to release: the server sends what was kept.
  }
}
