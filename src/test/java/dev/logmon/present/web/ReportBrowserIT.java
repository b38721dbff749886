package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logmon.it.LogmonProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report ({@code --report report.html}) of a replay, opened from disk in a real headless
 * Chromium: every number on the page is the JSON report's ({@code --report report.json} of the same
 * replay), tables sort, the chart answers hover; script payloads in a path, a referrer and a user
 * agent stay text; and the file refers to nothing outside itself.
 */
class ReportBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long START = Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();
  private static final String IMG_PATH = "/<img\tsrc=x\tonerror=window.__xss=1>";
  private static final String SCRIPT_PATH = "/<script>window.__xss=2</script>";
  // A referrer whose host (what the referring sites table keeps) is markup.
  private static final String REFERRER = "https://<img src=x onerror=window.__xss=3>/a";
  private static final String AGENT = "<img src=x onerror=window.__xss=4><b>bold</b>";
  private static final String BROWSER =
      "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";

  private static final String HEALTH_RULE = "health: path ~ \"^/health\"";

  @TempDir Path dir;
  private ChromeDriver browser;
  private Path html;
  private JsonNode json;

  @BeforeEach
  void replay() throws Exception {
    Path log = dir.resolve("access.log");
    Files.write(log, lines(), StandardCharsets.UTF_8);
    html = dir.resolve("report.html");
    Path jsonFile = dir.resolve("report.json");
    for (Path report : List.of(html, jsonFile)) {
      try (LogmonProcess p =
          LogmonProcess.start(
              "--replay",
              "--output",
              "plain",
              "--window",
              "30s",
              "--threshold",
              "3",
              "--exclude",
              HEALTH_RULE,
              "--report",
              report.toString(),
              log.toString())) {
        assertThat(p.exitCode()).isZero();
      }
    }
    json = JSON.readTree(jsonFile.toFile());
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  /**
   * Two hours of traffic: a hit every 10 s, 404s and 500s among them, a spike of 10 hits/s for a
   * minute (the alert), and the payloads.
   */
  private static List<String> lines() {
    List<String> out = new ArrayList<>();
    for (long s = START; s < START + 7200; s += 10) {
      int status = s % 70 == 0 ? 404 : s % 110 == 0 ? 500 : 200;
      String path = s % 30 == 0 ? "/api/items" : "/static/app.css";
      out.add(line(s, "10.0.0." + (s % 7), path, status, "https://example.org/", "curl/8"));
      if (s >= START + 3600 && s < START + 3660) {
        for (int i = 0; i < 100; i++) {
          out.add(line(s + i / 10, "10.1.0." + (i % 5), "/login", 200, "-", "bot"));
        }
      }
      if (s % 60 == 0) {
        out.add(line(s, "10.2.0.1", "/health", 200, "-", "kube-probe/1.29")); // filtered
        out.add(
            "shop.example.com:443 "
                + line(
                    s, "10.3.0.1", "/cart/add?id=" + s, 200, "https://www.example.com/", BROWSER));
      }
    }
    out.add(line(START + 5000, "10.9.9.9", IMG_PATH, 200, REFERRER, AGENT));
    out.add(line(START + 5001, "10.9.9.9", SCRIPT_PATH, 404, REFERRER, AGENT));
    return out;
  }

  private static String line(
      long second, String client, String path, int status, String referrer, String agent) {
    return client
        + " - - ["
        + CLF.format(Instant.ofEpochSecond(second))
        + "] \"GET "
        + path
        + " HTTP/1.1\" "
        + status
        + " 512 \""
        + referrer.replace("\"", "\\\"")
        + "\" \""
        + agent
        + "\"";
  }

  private void open() throws Exception {
    browser = Browser.start(dir);
    browser.get(html.toUri().toString());
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> "true".equals(browser.executeScript("return document.body.dataset.rendered")));
  }

  @Test
  void theHtmlEmbedsTheJsonReport() throws Exception {
    String page = Files.readString(html);
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>")
            .matcher(page);
    assertThat(m.find()).isTrue();
    ObjectNode embedded = (ObjectNode) JSON.readTree(m.group(1));
    ObjectNode expected = json.deepCopy();
    embedded.remove("generated");
    expected.remove("generated");
    assertThat(embedded).isEqualTo(expected);
    long health = lines().stream().filter(l -> l.contains("GET /health ")).count();
    assertThat(health).isEqualTo(120);
    assertThat(json.at("/totals/hits").asLong()).isEqualTo(lines().size() - health);
    assertThat(json.at("/totals/filtered").asLong()).isEqualTo(health);
    assertThat(json.at("/filtered/health").asLong()).isEqualTo(health);
    assertThat(json.at("/totals/alerts").asLong()).isEqualTo(1);
  }

  @Test
  void theNumbersOnThePageAreTheJsonReports() throws Exception {
    open();
    for (String key :
        List.of("hits", "errors", "server_errors", "malformed", "late", "future", "filtered")) {
      WebElement v = browser.findElement(By.cssSelector("[data-total='" + key + "']"));
      long expected = json.at("/totals/" + key).asLong();
      assertThat(v.getText().replace(",", "")).as(key).isEqualTo(Long.toString(expected));
    }
    assertThat(
            browser.findElement(By.cssSelector("[data-total='bytes']")).getAttribute("data-value"))
        .isEqualTo(json.at("/totals/bytes").asText());
    for (JsonNode table : json.get("tables")) {
      List<WebElement> rows =
          browser.findElements(By.cssSelector("#table-" + table.get("id").asText() + " tbody tr"));
      assertThat(rows).as(table.get("id").asText()).hasSize(table.get("rows").size());
      for (int r = 0; r < rows.size(); r++) {
        List<WebElement> cells = rows.get(r).findElements(By.tagName("td"));
        JsonNode expected = table.get("rows").get(r);
        for (int c = 0; c < cells.size(); c++) {
          WebElement cell = cells.get(c);
          String value = cell.getAttribute("data-value");
          if (expected.get(c).isNumber()) {
            assertThat(Double.parseDouble(value)).isEqualTo(expected.get(c).asDouble());
          } else {
            assertThat(value).isEqualTo(expected.get(c).asText());
            assertThat(cell.getAttribute("textContent")).isEqualTo(expected.get(c).asText());
          }
        }
      }
    }
    // The loop above covered every table of the JSON, the breakdowns among them.
    List<String> ids = new ArrayList<>();
    json.get("tables").forEach(t -> ids.add(t.get("id").asText()));
    assertThat(ids)
        .containsExactly(
            "sections",
            "clients",
            "methods",
            "status_codes",
            "vhosts",
            "paths",
            "not_found_paths",
            "server_error_paths",
            "agents",
            "referrers",
            "vhost_sections");
    for (JsonNode t : json.get("tables")) {
      assertThat(t.get("rows").size()).as(t.get("id").asText()).isPositive();
      assertThat(t.path("estimated").asBoolean()).isFalse();
    }
    assertThat(cells("#table-filtered")).containsExactly(List.of("health", "120"));
    assertThat(browser.findElements(By.cssSelector("#table-alerts tbody tr")))
        .hasSize(json.get("alerts").size());
    // Each chart marks each alert period.
    assertThat(browser.findElements(By.cssSelector("#requests rect.alert")))
        .hasSize(json.at("/chart/alert_periods").size());
    assertThat(json.at("/chart/alert_periods").size()).isEqualTo(1);
  }

  /** Each row of a table on the page as its cells' values. */
  private List<List<String>> cells(String table) {
    List<List<String>> out = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector(table + " tbody tr"))) {
      List<String> r = new ArrayList<>();
      for (WebElement td : row.findElements(By.tagName("td"))) {
        r.add(td.getAttribute("data-value"));
      }
      out.add(r);
    }
    return out;
  }

  @Test
  void theChartShowsABucketsValuesOnHover() throws Exception {
    open();
    JsonNode buckets = json.at("/chart/buckets");
    int i = buckets.size() / 2;
    WebElement svg = browser.findElement(By.id("requests"));
    int width = svg.getRect().getWidth();
    double left = 64.0 * width / svgWidth();
    double plot = width - left - 10.0 * width / svgWidth();
    int x = (int) Math.round(left + plot * (i + 0.5) / buckets.size() - width / 2.0);
    new Actions(browser).moveToElement(svg, x, 0).perform();
    WebElement tip = svg.findElement(By.xpath("following-sibling::div[@class='tip']"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> tip.isDisplayed());
    String hits = String.format(Locale.ROOT, "%,d hits", buckets.get(i).get(1).asLong());
    assertThat(tip.getText()).contains(hits);
  }

  private long svgWidth() {
    String box =
        (String)
            browser.executeScript(
                "return document.getElementById('requests').getAttribute('viewBox')");
    return Math.round(Double.parseDouble(box.split(" ")[2]));
  }

  @Test
  void tablesSortByAnyColumn() throws Exception {
    open();
    WebElement hitsHeader =
        browser.findElements(By.cssSelector("#table-sections th")).get(1); // hits
    hitsHeader.click();
    List<Long> ascending = column("#table-sections", 1);
    assertThat(ascending).isSorted().hasSize(json.at("/tables/0/rows").size());
    hitsHeader.click();
    List<Long> descending = column("#table-sections", 1);
    assertThat(descending.get(0)).isEqualTo(ascending.get(ascending.size() - 1));
    WebElement pathHeader = browser.findElements(By.cssSelector("#table-paths th")).get(0);
    pathHeader.click();
    List<String> paths = new ArrayList<>();
    cells("#table-paths").forEach(r -> paths.add(r.get(0)));
    assertThat(paths).isSorted().hasSize(json.at("/tables/5/rows").size());
    browser.findElements(By.cssSelector("#table-paths th")).get(1).click();
    assertThat(column("#table-paths", 1)).isSorted();
  }

  private List<Long> column(String table, int c) {
    List<Long> out = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector(table + " tbody tr"))) {
      out.add(Long.parseLong(row.findElements(By.tagName("td")).get(c).getAttribute("data-value")));
    }
    return out;
  }

  @Test
  void scriptInAPathAReferrerAndAUserAgentStaysText() throws Exception {
    open();
    assertThat(browser.executeScript("return typeof window.__xss")).isEqualTo("undefined");
    assertThat(browser.findElements(By.cssSelector("img, b, iframe"))).isEmpty();
    assertThat(browser.findElements(By.tagName("script"))).hasSize(2); // the data and the page's
    List<String> sections = new ArrayList<>();
    for (WebElement td :
        browser.findElements(By.cssSelector("#table-sections tbody td:first-child"))) {
      sections.add(td.getAttribute("textContent"));
    }
    assertThat(sections).contains(IMG_PATH).anyMatch(s -> s.startsWith("/<script>window.__xss=2"));
    assertThat(texts("#table-paths")).contains(IMG_PATH, SCRIPT_PATH);
    assertThat(texts("#table-not_found_paths")).contains(SCRIPT_PATH);
    assertThat(texts("#table-referrers")).contains("<img src=x onerror=window.__xss=3>");
    // The agent is counted by its family (not a browser or robot: "other"); the raw text reaches
    // nothing. Everything from the log is in the file only as escaped data.
    String page = Files.readString(html);
    assertThat(page).doesNotContain("<img").doesNotContain("<b>").doesNotContain("__xss=2</");
    assertThat(page.split("<script", -1)).hasSize(3);
  }

  /** The text of the first cell of each row of a table on the page. */
  private List<String> texts(String table) {
    List<String> out = new ArrayList<>();
    for (WebElement td : browser.findElements(By.cssSelector(table + " tbody td:first-child"))) {
      out.add(td.getAttribute("textContent"));
    }
    return out;
  }

  @Test
  void theFileRefersToNothingOutsideItself() throws Exception {
    String page = Files.readString(html);
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = page.indexOf(open) + open.length();
    int to = page.indexOf("</script>", from);
    String data = page.substring(from, to);
    String markup = page.substring(0, from) + page.substring(to);
    // The data holds the log's text (a referrer's URL) but no markup at all.
    assertThat(data).doesNotContain("<").doesNotContain(">");
    assertThat(markup)
        .doesNotContainPattern("(?i)https?:")
        .doesNotContainIgnoringCase("src=")
        .doesNotContainIgnoringCase("href=")
        .doesNotContainIgnoringCase("url(")
        .doesNotContainIgnoringCase("@import")
        .doesNotContainPattern("[\"'(=]\\s*//"); // a protocol-relative URL
    assertThat(markup).contains("Content-Security-Policy\" content=\"default-src 'none';");
    open();
    Object resources =
        browser.executeScript("return performance.getEntriesByType('resource').length");
    assertThat(resources).isEqualTo(0L);
  }

  /**
   * After a replay, the live page says so and links to the whole history, the report of the same
   * counts ({@code /api/report} is the JSON report).
   */
  @Test
  void theLivePageLinksToTheWholeHistoryAfterAReplay() throws Exception {
    try (LogmonProcess p =
        LogmonProcess.start(
            "--replay",
            "--output",
            "plain",
            "--window",
            "30s",
            "--threshold",
            "3",
            "--exclude",
            HEALTH_RULE,
            "--web",
            "127.0.0.1:0",
            dir.resolve("access.log").toString())) {
      java.net.URI url = p.url();
      p.awaitLine(l -> l.startsWith("Summary at"), Duration.ofSeconds(30));
      browser = Browser.start(dir);
      browser.get(url.toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(d -> browser.findElement(By.id("conn")).getText().equals("replay finished"));
      browser.findElement(By.id("history-link")).click();
      wait.until(
          d -> "true".equals(browser.executeScript("return document.body.dataset.rendered")));
      assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("finished");
      for (String key : List.of("hits", "errors", "malformed", "alerts")) {
        assertThat(
                browser
                    .findElement(By.cssSelector("[data-total='" + key + "']"))
                    .getAttribute("data-value"))
            .isEqualTo(json.at("/totals/" + key).asText());
      }
      assertThat(browser.findElements(By.cssSelector("#table-sections tbody tr")))
          .hasSize(json.at("/tables/0/rows").size());
      assertThat(browser.executeScript("return typeof window.__xss")).isEqualTo("undefined");
      String api =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(url.resolve("/api/report")).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      ObjectNode served = (ObjectNode) JSON.readTree(api);
      ObjectNode expected = json.deepCopy();
      for (ObjectNode r : List.of(served, expected)) {
        r.remove(List.of("generated", "sources"));
      }
      assertThat(served).isEqualTo(expected);
    }
  }
}
