package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet end to end: three logmon processes following their own access logs and a real Prometheus
 * server (Debian's) scraping them every second with the shipped rules, all on 127.0.0.1. Traffic
 * spread over the three stays under each host's threshold and crosses the fleet's: Prometheus's
 * HTTP API shows the fleet alert firing and no host alert, and the fleet's request count equals the
 * lines written.
 *
 * <p>The rules are the shipped file with every {@code for:} cut to 2 s, so the test waits seconds,
 * not minutes (the durations themselves are checked by AlertRulesIT). Every wait is for a state,
 * with a deadline.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FleetIT {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /** Lines per host: 50, 42 and 33 requests/s over the 2-minute window, 125 in all. */
  private static final int[] LINES = {6_000, 5_000, 4_000};

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<LogmonProcess> hosts = new ArrayList<>();
  private Process prometheus;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (prometheus != null && prometheus.isAlive()) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (LogmonProcess h : hosts) {
      h.close();
    }
  }

  @Test
  void fleetAlertFiresAndTheFleetCountsEveryLine() throws Exception {
    Path binary = PrometheusTools.require(PrometheusTools.PROMETHEUS);
    List<String> targets = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int h = 0; h < LINES.length; h++) {
      Path log = Files.createFile(dir.resolve("access-" + h + ".log"));
      logs.add(log);
      // --threshold 60: no host alone is over it; --from-start: nothing written is skipped.
      LogmonProcess p =
          LogmonProcess.start(
              "--output",
              "json",
              "--from-start",
              "--threshold",
              "60",
              "--poll",
              "50ms",
              "--web",
              "127.0.0.1:0",
              log.toString());
      hosts.add(p);
      URI url = p.url();
      targets.add("'" + url.getHost() + ":" + url.getPort() + "'");
    }
    URI api = startPrometheus(binary, targets);
    awaitQuery(api, "count(up{job=\"logmon\"} == 1)", v -> v == LINES.length);

    long written = 0;
    long now = Instant.now().getEpochSecond();
    for (int h = 0; h < LINES.length; h++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < LINES[h]; i++) {
        long second = now - 9 + i % 10; // the last ten seconds: well inside the window
        b.append(line(second, h, i)).append('\n');
      }
      Files.writeString(logs.get(h), b, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      written += LINES[h];
    }

    JsonNode fleet = awaitAlert(api, "LogmonFleetHighTraffic", "firing");
    assertThat(fleet.get("value").asDouble()).isGreaterThan(100);
    long expected = written;
    awaitQuery(api, "sum(logmon_http_requests_total)", v -> v == expected);
    assertThat(query(api, "sum(logmon_http_requests_total)")).isEqualTo((double) written);
    for (int h = 0; h < LINES.length; h++) {
      String instance = targets.get(h).replace("'", "");
      assertThat(query(api, "sum(logmon_http_requests_total{instance=\"" + instance + "\"})"))
          .as(instance)
          .isEqualTo(LINES[h]);
    }
    assertThat(query(api, "count(logmon_build_info)")).isEqualTo(LINES.length);
    assertThat(query(api, "sum(logmon_malformed_lines_total)")).isZero();
    assertThat(query(api, "max(logmon_alert_active)")).isZero();
    assertThat(alerts(api))
        .noneMatch(a -> a.get("labels").get("alertname").asText().equals("LogmonHighTraffic"));
    assertDashboardQueriesRun(api);
  }

  /** Every query of docs/grafana-dashboard.json is PromQL that this Prometheus evaluates. */
  private void assertDashboardQueriesRun(URI api) throws Exception {
    List<JsonNode> exprs =
        JSON.readTree(Files.readString(Path.of("docs/grafana-dashboard.json"))).findValues("expr");
    assertThat(exprs).hasSizeGreaterThan(20);
    for (JsonNode e : exprs) {
      String promql =
          e.asText()
              .replace("$job", "logmon")
              .replace("$instance", ".*")
              .replace("$__rate_interval", "1m");
      JsonNode r =
          get(api, "api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
      assertThat(r.get("status").asText()).as(promql).isEqualTo("success");
    }
    assertThat(query(api, "sum(logmon_http_requests_per_second{window=\"alert\"})"))
        .isGreaterThan(100);
  }

  private static String line(long second, int host, int i) {
    return "10.0."
        + host
        + "."
        + (i % 200)
        + " - - ["
        + CLF.format(Instant.ofEpochSecond(second))
        + "] \"GET /s"
        + (i % 7)
        + "/page HTTP/1.1\" "
        + (i % 50 == 0 ? 503 : 200)
        + " 512 \"-\" \"fleet-test\"";
  }

  /** Starts Prometheus on a free loopback port (another if that one was taken meanwhile). */
  private URI startPrometheus(Path binary, List<String> targets) throws Exception {
    String rules =
        Files.readString(Path.of("docs/prometheus-alert.rules.yml"))
            .replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 2s");
    Files.writeString(dir.resolve("rules.yml"), rules);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        "global:\n"
            + "  scrape_interval: 1s\n"
            + "  scrape_timeout: 1s\n"
            + "  evaluation_interval: 1s\n"
            + "rule_files: [rules.yml]\n"
            + "scrape_configs:\n"
            + "  - job_name: logmon\n"
            + "    static_configs:\n"
            + "      - targets: ["
            + String.join(", ", targets)
            + "]\n");
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path out = dir.resolve("prometheus-" + attempt + ".log");
      prometheus =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("data-" + attempt),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      URI api = URI.create("http://127.0.0.1:" + port + "/");
      Instant deadline = Instant.now().plus(DEADLINE);
      while (prometheus.isAlive() && Instant.now().isBefore(deadline)) {
        if (ready(api)) {
          return api;
        }
        Thread.sleep(100);
      }
      String log = Files.readString(out);
      prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      if (attempt == 3 || !log.contains("address already in use")) {
        throw new AssertionError("Prometheus did not become ready:\n" + log);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private boolean ready(URI api) throws InterruptedException {
    try {
      HttpRequest r = HttpRequest.newBuilder(api.resolve("-/ready")).build();
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  private JsonNode get(URI api, String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(api.resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The value of an instant query with one result, or NaN when it has none. */
  private double query(URI api, String promql) throws IOException, InterruptedException {
    JsonNode result =
        get(api, "api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
            .get("data")
            .get("result");
    return result.isEmpty() ? Double.NaN : result.get(0).get("value").get(1).asDouble();
  }

  private double awaitQuery(URI api, String promql, Predicate<Double> done) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    double v = query(api, promql);
    while (!done.test(v)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(promql + " is still " + v + " after " + DEADLINE + diagnose());
      }
      Thread.sleep(200);
      v = query(api, promql);
    }
    return v;
  }

  private List<JsonNode> alerts(URI api) throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    get(api, "api/v1/alerts").get("data").get("alerts").forEach(out::add);
    return out;
  }

  private JsonNode awaitAlert(URI api, String name, String state) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode a : alerts(api)) {
        if (a.get("labels").get("alertname").asText().equals(name)
            && a.get("state").asText().equals(state)) {
          return a;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " not " + state + " within " + DEADLINE + diagnose());
  }

  private String diagnose() {
    StringBuilder b = new StringBuilder();
    for (LogmonProcess h : hosts) {
      b.append("\nlogmon stderr: ").append(h.stderr());
    }
    return b.toString();
  }
}
