package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.it.PrometheusTools;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} through the Prometheus client's scrape handler, in-process on a free port:
 * promtool's linter finds nothing, the format follows {@code Accept}, gzip and {@code name[]}
 * filters work, and the request counters add up to the hits.
 */
class MetricsEndpointIT {
  private static final Pattern REQUESTS =
      Pattern.compile("(?m)^logmon_http_requests_total\\{[^}]*} ([0-9.E]+)$");
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebPresenter presenter = new WebPresenter();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private String text(String path, String... headers) throws Exception {
    return new String(get(path, headers).body(), StandardCharsets.UTF_8);
  }

  static double requestsTotal(String metrics) {
    Matcher m = REQUESTS.matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** Runs {@code promtool check metrics} over {@code metrics}: exit code and findings. */
  static PrometheusTools.Result promtoolCheck(String metrics) throws Exception {
    return PrometheusTools.run(
        List.of(PrometheusTools.require(PrometheusTools.PROMTOOL).toString(), "check", "metrics"),
        Path.of("."),
        metrics,
        Duration.ofSeconds(60));
  }

  @Test
  void promtoolFindsNothingToLint() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    PrometheusTools.Result before = promtoolCheck(text("/metrics"));
    assertThat(before.exit()).as(before.out()).isZero();
    assertThat(before.out()).isBlank();

    int lines = MetricsFixture.feedVaried(MetricsFixture.monitor(presenter));
    String m = text("/metrics");
    assertThat(m)
        .contains("logmon_http_request_duration_seconds_bucket{")
        .contains("vhost=\"api.example.com\"")
        .contains("method=\"(other)\"")
        .contains("section=\"/back\\\\slash\"")
        .contains("logmon_source_lines_total{source=\"/var/log/a.log\"} 120.0")
        .contains("logmon_source_read_errors_total{source=\"/var/log/b.log\"} 2.0")
        .contains("logmon_late_lines_total 1.0")
        .contains("logmon_future_lines_total 1.0")
        .contains("logmon_source_future_lines_total{source=\"/var/log/a.log\"} 0.0")
        .contains("logmon_source_dropped_messages_total{source=\"syslog:127.0.0.1:5140\"} 7.0")
        .contains(
            "logmon_source_rejected_inputs_total{reason=\"no_priority\","
                + "source=\"syslog:127.0.0.1:5140\"} 3.0")
        .contains("logmon_source_lag_records{source=\"access-2\"} 12.0")
        .doesNotContain("logmon_source_lag_records{source=\"access-1\"}")
        .contains("logmon_malformed_lines_total{reason=\"bad_host\"}")
        .contains("logmon_filtered_lines_total{rule=\"health\"} 0.0")
        .contains("logmon_http_responses_by_code_total{code=\"418\"} 1.0");
    assertThat(requestsTotal(m)).isEqualTo(lines - 1); // every line but the malformed one
    PrometheusTools.Result r = promtoolCheck(m);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).as("promtool check metrics findings").isBlank();
  }

  @Test
  void promtoolFindsNothingToLintWithEveryCapFull() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    int lines = MetricsFixture.feedToTheCaps(MetricsFixture.monitor(presenter), 25);
    String m = text("/metrics");
    assertThat(requestsTotal(m)).isEqualTo(lines);
    assertThat(m.lines().filter(l -> l.startsWith("logmon_http_requests_total{")).count())
        .isBetween(2_000L, 2_012L);
    PrometheusTools.Result r = promtoolCheck(m);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).isBlank();
  }

  @Test
  void formatFollowsAcceptAndGzipAndNameFiltersWork() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    MetricsFixture.feedVaried(MetricsFixture.monitor(presenter));

    HttpResponse<byte[]> plain = get("/metrics");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    HttpResponse<byte[]> open =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(open.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    String om = new String(open.body(), StandardCharsets.UTF_8);
    assertThat(om).contains("# TYPE logmon_build info").endsWith("# EOF\n");

    // What a Prometheus with native histograms asks for first.
    HttpResponse<byte[]> proto =
        get(
            "/metrics",
            "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                + "encoding=delimited");
    assertThat(proto.statusCode()).isEqualTo(200);
    assertThat(proto.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/vnd.google.protobuf");

    HttpResponse<byte[]> gz = get("/metrics", "Accept-Encoding", "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(unzipped).contains("logmon_http_requests_total{");

    String filtered = text("/metrics?name[]=logmon_alert_active&name[]=logmon_http_requests_total");
    assertThat(filtered)
        .contains("logmon_alert_active ")
        .contains("logmon_http_requests_total{")
        .doesNotContain("logmon_build_info", "jvm_", "process_");
  }

  /** HEAD answers as GET would, headers and all, without the body. */
  @Test
  void headAnswersAsGetWithoutTheBody() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    MetricsFixture.feedVaried(MetricsFixture.monitor(presenter));
    for (String encoding : List.of("identity", "gzip")) {
      HttpResponse<byte[]> head =
          http.send(
              HttpRequest.newBuilder(server.url().resolve("/metrics"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .header("Accept-Encoding", encoding)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(head.statusCode()).as(encoding).isEqualTo(200);
      assertThat(head.body()).as(encoding).isEmpty();
      assertThat(head.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/plain; version=0.0.4");
      assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow())
          .as(encoding)
          .isPositive();
      assertThat(head.headers().firstValue("Content-Encoding").isPresent())
          .as(encoding)
          .isEqualTo(encoding.equals("gzip"));
    }
  }

  @Test
  void beforeTheFirstViewOnlyBuildInfoAndTheJvm() throws Exception {
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    String m = text("/metrics");
    assertThat(m)
        .contains("logmon_build_info{version=")
        .contains("jvm_memory_used_bytes{")
        .contains("process_cpu_seconds_total ")
        .doesNotContain("logmon_http_requests_total");
  }
}
