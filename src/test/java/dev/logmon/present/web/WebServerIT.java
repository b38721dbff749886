package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.source.Batches;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web server in-process on a free port, with a replay-mode monitor fed known lines on the test
 * thread: every endpoint's status, content type, headers, JSON fields and metric values.
 */
class WebServerIT {
  private static final long T = 1_700_000_000L;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final WebPresenter presenter = new WebPresenter();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Monitor monitor() {
    return new Monitor(
        new MonitorConfig(
            true,
            10,
            10,
            0,
            true,
            dev.logmon.pipeline.MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS,
            dev.logmon.filter.FilterSet.NONE,
            1,
            false),
        dev.logmon.parse.RowParser.clf(),
        new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 1.0),
        presenter,
        java.time.ZoneOffset.UTC,
        note -> {},
        List::of);
  }

  /** 20 hits on /a and 10 on /b at T (3/s over 10 s: an alert), then 5 on /a at T+1. */
  private void feed(Monitor m) {
    List<String> lines = new ArrayList<>(LogLines.hits(T, "/a/x", 20));
    lines.addAll(LogLines.hits(T, "/b", 10));
    lines.add("not a log line");
    m.accept(Batches.of("test.log", 1, lines));
    m.accept(Batches.of("test.log", 32, LogLines.hits(T + 1, "/a", 5)));
    m.finish();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyEndpointServesTheFedLines() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    assertThat(get("/api/snapshot").statusCode()).isEqualTo(503);
    assertThat(json.readTree(get("/healthz").body()).get("ready").asBoolean()).isFalse();
    feed(monitor());

    HttpResponse<String> snap = get("/api/snapshot");
    assertThat(snap.statusCode()).isEqualTo(200);
    assertThat(snap.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(snap.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(snap.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'self'");
    JsonNode s = json.readTree(snap.body());
    assertThat(s.get("hits_total").asLong()).isEqualTo(35);
    assertThat(s.get("malformed_total").asLong()).isEqualTo(1);
    assertThat(s.get("finished").asBoolean()).isTrue();
    assertThat(s.get("window_seconds").asInt()).isEqualTo(10);
    assertThat(s.get("rate_window").asDouble()).isEqualTo(3.5);
    assertThat(s.get("window").get("hits_by_second")).hasSize(10);
    assertThat(s.get("window").get("sections").get(0).get("section").asText()).isEqualTo("/a");
    assertThat(s.get("hits_per_minute")).hasSize(60);
    assertThat(s.get("alert").get("alerts_total").asInt()).isEqualTo(1);
    assertThat(s.get("alerts").get(0).get("type").asText()).isEqualTo("alert");

    HttpResponse<String> alerts = get("/api/alerts");
    assertThat(alerts.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode a = json.readTree(alerts.body());
    assertThat(a.get("alerts").get(0).get("message").asText())
        .startsWith(
            "High traffic generated an alert - hits = 3.00, triggered at 2023-11-14T22:13:21");

    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("ok");

    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"app.js\"").doesNotContain("<script>");
    assertThat(get("/app.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/app.js").body()).doesNotContain("innerHTML");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsAreExactLifetimeCounters() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("127.0.0.1:0"),
            presenter,
            null,
            java.util.List.of(),
            WebLimits.DEFAULT);
    feed(monitor());
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    String m = r.body();
    assertThat(m)
        .contains("logmon_http_response_bytes_total 3500.0")
        .contains("logmon_malformed_lines_total{reason=\"bad_timestamp\"} 1.0")
        .contains("logmon_late_lines_total 0.0")
        .contains("logmon_alert_active 1.0")
        .contains("logmon_http_requests_per_second{window=\"alert\"} 3.5");
    // Every hit counts under its own section from the first one on: nothing in (other).
    assertThat(m)
        .contains(
            "logmon_http_requests_total{method=\"GET\",section=\"/a\",status_class=\"2xx\"} 25.0")
        .contains(
            "logmon_http_requests_total{method=\"GET\",section=\"/b\",status_class=\"2xx\"} 10.0")
        .doesNotContain("section=\"(other)\"");
  }

  /**
   * A monitor reading {@code %v ... %D} lines with a 500 ms latency threshold: at T, 10 hits on
   * example.com /a at 20 ms and 10 on api.example.com /b at 900 ms (p95 900 ms: a latency alert),
   * then 5 more on example.com at T+1.
   */
  private void feedTimed() {
    Monitor m =
        new Monitor(
            new MonitorConfig(
                true,
                10,
                10,
                0,
                true,
                dev.logmon.pipeline.MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS,
                dev.logmon.filter.FilterSet.NONE,
                1,
                false),
            LogFormats.parser(
                "%v %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D", n -> {}),
            new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
            new AlertEngine(AlertRule.ABSOLUTE, 100).withLatencyThreshold(500_000),
            presenter,
            java.time.ZoneOffset.UTC,
            note -> {},
            List::of);
    List<String> lines = new ArrayList<>();
    LogLines.hits(T, "/a", 10).forEach(l -> lines.add("example.com " + l + " 20000"));
    LogLines.hits(T, "/b", 10).forEach(l -> lines.add("api.example.com " + l + " 900000"));
    m.accept(Batches.of("timed.log", 1, lines));
    List<String> later = new ArrayList<>();
    LogLines.hits(T + 1, "/a", 5).forEach(l -> later.add("example.com " + l + " 20000"));
    m.accept(Batches.of("timed.log", 21, later));
    m.finish();
  }

  @Test
  void latencyAndVhostsShowInTheSnapshotAndMetricsWhenTheLogHasThem() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    feedTimed();
    JsonNode s = json.readTree(get("/api/snapshot").body());
    JsonNode window = s.get("latency").get("window");
    assertThat(s.get("latency").get("estimate").asBoolean()).isTrue();
    assertThat(window.get("count").asLong()).isEqualTo(25);
    assertThat(window.get("p50_ms").asDouble()).isEqualTo(20.0);
    assertThat(window.get("p95_ms").asDouble()).isEqualTo(900.0);
    assertThat(window.get("slowest").get(0).get("section").asText()).isEqualTo("/b");
    assertThat(window.get("sections").get(0).get("section").asText()).isEqualTo("/a");
    assertThat(s.get("vhosts").get("window").get(0).get("vhost").asText()).isEqualTo("example.com");
    assertThat(s.get("vhosts").get("window").get(0).get("hits").asLong()).isEqualTo(15);
    assertThat(s.get("alert").get("latency_active").asBoolean()).isTrue();
    assertThat(s.get("alert").get("active").asBoolean()).isFalse();
    assertThat(s.get("alerts").get(0).get("alert").asText()).isEqualTo("latency");

    String m = get("/metrics").body();
    assertThat(m)
        .contains("logmon_http_request_duration_seconds_bucket{section=\"/a\",le=\"0.025\"} 15")
        .contains("logmon_http_request_duration_seconds_bucket{section=\"/b\",le=\"0.5\"} 0")
        .contains("logmon_http_request_duration_seconds_bucket{section=\"/b\",le=\"1.0\"} 10")
        .contains("logmon_http_request_duration_seconds_count{section=\"/b\"} 10")
        .contains("logmon_http_request_duration_seconds_sum{section=\"/b\"} 9.0")
        .contains("logmon_latency_alert_active 1.0");
    assertThat(m)
        .contains(
            "logmon_http_requests_total{method=\"GET\",section=\"/a\",status_class=\"2xx\","
                + "vhost=\"example.com\"} 15.0")
        .contains(
            "logmon_http_requests_total{method=\"GET\",section=\"/b\",status_class=\"2xx\","
                + "vhost=\"api.example.com\"} 10.0");
  }

  @Test
  void aPlainLogHasNoLatencyOrVhostFields() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    feed(monitor());
    JsonNode s = json.readTree(get("/api/snapshot").body());
    assertThat(s.has("latency")).isFalse();
    assertThat(s.has("vhosts")).isFalse();
    assertThat(s.get("alert").get("latency_active").asBoolean()).isFalse();
    assertThat(get("/metrics").body())
        .doesNotContain("logmon_http_request_duration_seconds", "vhost=")
        .contains("logmon_latency_alert_active 0.0");
  }

  @Test
  void tokenProtectsEveryEndpoint() throws Exception {
    server =
        WebServer.start(WebAddress.parse("0"), presenter, "s3cret", List.of(), WebLimits.DEFAULT);
    feed(monitor());
    for (String path :
        List.of(
            "/", "/app.js", "/events", "/api/snapshot", "/api/alerts", "/healthz", "/metrics")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "Authorization", "Bearer wrong").statusCode()).as(path).isEqualTo(401);
    }
    assertThat(get("/metrics", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    assertThat(get("/api/snapshot?token=s3cret").statusCode()).isEqualTo(200);
    HttpResponse<String> page = get("/?token=s3cret");
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
    assertThat(get("/app.js", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode())
        .isEqualTo(200);
  }

  @Test
  void foreignHostHeaderIsRefusedOnLoopback() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    HttpRequest req = HttpRequest.newBuilder(server.url().resolve("/healthz")).build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    // A DNS-rebinding page would send its own name as Host; java.net.http forbids setting Host,
    // so speak HTTP by hand.
    try (var socket =
        new java.net.Socket(
            java.net.InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 421 Misdirected Request");
    }
  }

  @Test
  void eventStreamSendsTheSnapshotAndResumesAfterARestart() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    feed(monitor());
    int port = server.address().getPort();
    assertThat(firstEvent(port)).contains("\"hits_total\":35");
    server.close();
    server =
        WebServer.start(
            new WebAddress("127.0.0.1", port),
            presenter,
            null,
            java.util.List.of(),
            WebLimits.DEFAULT);
    assertThat(firstEvent(port)).contains("\"hits_total\":35");
  }

  private String firstEvent(int port) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<java.io.InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
    try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("data: ")) {
          return line;
        }
      }
    }
    return "";
  }
}
