package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric that docs/grafana-dashboard.json queries exists in logmon's {@code /metrics} (served
 * in-process, after a log with vhosts, durations and every kind of line), so a renamed metric
 * cannot leave the dashboard empty.
 */
class GrafanaDashboardIT {
  static final Path DASHBOARD = Path.of("docs/grafana-dashboard.json");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset");
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * Every PromQL expression of the dashboard: panel targets, and the series selector of each
   * template variable's {@code label_values(SELECTOR, LABEL)}.
   */
  static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    collect(dashboard.get("panels"), out);
    for (JsonNode v : dashboard.get("templating").get("list")) {
      if (v.get("type").asText().equals("query")) {
        out.add(
            v.get("query")
                .get("query")
                .asText()
                .replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1"));
      }
    }
    return out;
  }

  private static void collect(JsonNode panels, List<String> out) {
    for (JsonNode p : panels) {
      if (p.has("panels")) {
        collect(p.get("panels"), out);
      }
      if (p.has("targets")) {
        p.get("targets").forEach(t -> out.add(t.get("expr").asText()));
      }
    }
  }

  /**
   * The metric names in a PromQL expression: identifiers left once strings, label matchers, ranges,
   * grouping clauses, functions and keywords are taken out.
   */
  static Set<String> metricNames(String promql) {
    String e =
        promql
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(e);
    while (m.find()) {
      String id = m.group();
      boolean call = e.substring(m.end()).stripLeading().startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
      if (!call && !number && !KEYWORDS.contains(id)) {
        names.add(id);
      }
    }
    return names;
  }

  @Test
  void everyQueriedMetricIsExported() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    assertThat(dashboard.get("uid").asText()).isEqualTo("logmon-fleet");
    List<String> expressions = expressions(dashboard);
    Set<String> queried =
        expressions.stream()
            .flatMap(e -> metricNames(e).stream())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(queried)
        .contains(
            "logmon_http_requests_total",
            "logmon_http_requests_per_second",
            "logmon_http_request_duration_seconds_bucket",
            "logmon_build_info",
            "jvm_memory_used_bytes");

    WebPresenter presenter = new WebPresenter();
    server =
        WebServer.start(
            WebAddress.parse("0"), presenter, null, java.util.List.of(), WebLimits.DEFAULT);
    MetricsFixture.feedVaried(MetricsFixture.monitor(presenter));
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.url().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Set<String> exported =
        metrics
            .lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.split("[{ ]", 2)[0])
            .collect(Collectors.toSet());
    assertThat(exported).as("metrics exported").containsAll(queried);
  }

  private static JsonNode dashboardOf(String variableQuery) {
    ObjectMapper json = new ObjectMapper();
    var d = json.createObjectNode();
    d.putArray("panels");
    var v = d.putObject("templating").putArray("list").addObject();
    v.put("type", "query");
    v.putObject("query").put("query", variableQuery);
    return d;
  }

  @Test
  void metricNamesAreFoundInPromql() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, section) (rate(a_bucket{job=~\"$job\"}"
                    + "[$__rate_interval]))) / on (instance) b_total offset 5m and c"))
        .containsExactly("a_bucket", "b_total", "c");
    assertThat(expressions(dashboardOf("label_values(m{job=~\"$job\"}, instance)")))
        .containsExactly("m{job=~\"$job\"}");
  }
}
