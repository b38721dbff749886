package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.it.LogmonProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against the logmon jar following a log file: lines
 * appended to the file show up on the open page, alert included, without a reload; log text
 * carrying script payloads shows literally and runs nothing.
 */
class DashboardBrowserIT {
  @TempDir Path dir;
  private ChromeDriver browser;
  private LogmonProcess logmon;

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (logmon != null) {
      logmon.close();
    }
  }

  private Path follow() throws Exception {
    Path log = Files.createFile(dir.resolve("access.log"));
    logmon =
        LogmonProcess.start(
            "--web",
            "127.0.0.1:0",
            "--window",
            "10s",
            "--interval",
            "5s",
            "--threshold",
            "2",
            "--top",
            "10",
            "--poll",
            "100ms",
            log.toString());
    return log;
  }

  /**
   * Waits until logmon's snapshot shows {@code log} as followed: follow mode starts at the file's
   * end, so lines appended before its watcher opened it would not be counted.
   */
  private void awaitFollowing(Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest snapshot = HttpRequest.newBuilder(logmon.url().resolve("/api/snapshot")).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.send(snapshot, HttpResponse.BodyHandlers.ofString());
      body = r.body();
      if (r.statusCode() == 200 && LogmonProcess.following(LogmonProcess.read(body), log)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(log + " never shown as following; last snapshot: " + body);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void await(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .withMessage(what)
        .until(d -> condition.getAsBoolean());
  }

  @Test
  void appendedLinesAndTheAlertAppearWithoutAReload() throws Exception {
    Path log = follow();
    browser = Browser.start(dir);
    browser.get(logmon.url().toString());
    await(
        "the page connects and shows a snapshot",
        () -> text("conn").equals("live") && text("time").contains("T"));
    assertThat(text("hits-total")).isEqualTo("0");
    assertThat(text("alert-state")).isEqualTo("no alert");
    awaitFollowing(log);

    long now = System.currentTimeMillis() / 1000;
    List<String> lines = new ArrayList<>();
    String[] sections = {"/shop/cart", "/api/v1", "/api/v2", "/static/app.css", "/blog/post"};
    int[] statuses = {200, 200, 200, 304, 404, 500};
    for (int i = 0; i < 60; i++) {
      lines.add(
          LogLines.line(
              now - (i % 5),
              "192.0.2." + (i % 7 + 1),
              i % 4 == 0 ? "frank" : "-",
              sections[i % sections.length],
              statuses[i % statuses.length],
              "Mozilla/5.0"));
    }
    LogmonProcess.append(log, lines);

    await("the hits show up", () -> text("hits-total").equals("60"));
    await("the alert is raised", () -> text("alert-state").equals("HIGH TRAFFIC ALERT"));
    await(
        "the alert history lists it",
        () -> text("alerts").contains("High traffic generated an alert"));
    assertThat(text("sections")).contains("/shop", "/api", "/static", "/blog");
    assertThat(text("hosts")).contains("192.0.2.1");
    assertThat(text("status")).contains("5xx");
    assertThat(browser.findElements(By.cssSelector("#chart-window rect"))).hasSize(10);
    assertThat(browser.findElements(By.cssSelector("#chart-window line.threshold"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#chart-hour rect"))).hasSize(60);
    // A log without durations or vhosts shows no latency or vhost card.
    assertThat(browser.findElement(By.id("extra")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("latency-state")).isDisplayed()).isFalse();
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Path.of("target", "web-dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aTimedLogWithVhostsShowsLatencyAndTopVhosts() throws Exception {
    long t = System.currentTimeMillis() / 1000 - 60;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean slow = i % 4 == 0;
      lines.add(
          (slow ? "api.example.com " : "www.example.com ")
              + LogLines.line(t + i / 10, "192.0.2.1", "-", slow ? "/search" : "/", 200, "x")
              + (slow ? " 1200000" : " 15000"));
    }
    Path log = dir.resolve("timed.log");
    Files.write(log, lines);
    logmon =
        LogmonProcess.start(
            "--web",
            "127.0.0.1:0",
            "--replay",
            "--window",
            "10s",
            "--latency-threshold",
            "500ms",
            "--format",
            "%v %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D",
            log.toString());
    browser = Browser.start(dir);
    browser.get(logmon.url().toString());
    await("the replay's final state shows", () -> text("hits-total").equals("40"));
    // The replay is over: the page says so rather than "live".
    await("the page says the replay finished", () -> text("conn").equals("replay finished"));
    assertThat(browser.findElement(By.id("latency-card")).isDisplayed()).isTrue();
    // 10 of 40 at 1.2 s: p50 15 ms, p95 and p99 1200 ms, all marked as estimates.
    assertThat(text("latency-windows")).contains("10 s 40 ~15.0 ms ~1200 ms ~1200 ms");
    assertThat(text("latency-slowest").lines().findFirst().orElseThrow()).startsWith("/search 10");
    assertThat(text("latency-sections")).contains("/ 30 ~15.0 ms");
    assertThat(text("vhosts")).contains("www.example.com 30", "api.example.com 10");
    assertThat(text("latency-state")).isEqualTo("HIGH LATENCY ALERT");
    assertThat(text("alerts")).contains("p95 1200.00 ms", "High latency generated an alert");
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        shot, Path.of("target", "web-dashboard-latency.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Lines left out by a filter show by rule, and the breakdowns as tables, counted by hand. */
  @Test
  void filteredLinesAndBreakdownsShow() throws Exception {
    long t = System.currentTimeMillis() / 1000 - 60;
    String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      String path = i < 10 ? "/health" : i < 30 ? "/shop/cart?item=" + i : "/missing";
      int status = i >= 30 ? 404 : 200;
      lines.add(LogLines.line(t + i / 10, "192.0.2.1", "-", path, status, firefox));
    }
    Path log = dir.resolve("filtered.log");
    Files.write(log, lines);
    logmon =
        LogmonProcess.start(
            "--web",
            "127.0.0.1:0",
            "--replay",
            "--exclude",
            "health: path ~ \"^/health\"",
            log.toString());
    browser = Browser.start(dir);
    browser.get(logmon.url().toString());
    await("the replay's final state shows", () -> text("hits-total").equals("25"));
    assertThat(text("filtered-total")).isEqualTo("10");
    assertThat(text("filtered-label")).isEqualTo("filtered: health 10");
    assertThat(browser.findElement(By.id("breakdowns")).isDisplayed()).isTrue();
    assertThat(text("bd-paths")).contains("/shop/cart 20", "/missing 5").doesNotContain("/health");
    assertThat(text("bd-not_found_paths")).isEqualTo("/missing 5");
    assertThat(text("bd-statuses")).contains("200 20", "404 5");
    assertThat(text("bd-agents")).isEqualTo("Firefox 25");
    assertThat(text("bd-paths-title")).isEqualTo("top paths");
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        shot,
        Path.of("target", "web-dashboard-breakdowns.png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void thePageReconnectsByItselfAfterLogmonRestarts() throws Exception {
    Path log = follow();
    java.net.URI url = logmon.url();
    browser = Browser.start(dir);
    browser.get(url.toString());
    await("the page connects", () -> text("conn").equals("live"));
    assertThat(logmon.stop()).isEqualTo(0);
    await("the page notices the server is gone", () -> text("conn").equals("reconnecting"));
    // Written before the restart and read with --from-start, so no line races the new tailer.
    LogmonProcess.append(log, LogLines.hits(System.currentTimeMillis() / 1000, "/again", 7));
    logmon =
        LogmonProcess.start(
            "--web",
            "127.0.0.1:" + url.getPort(),
            "--poll",
            "100ms",
            "--from-start",
            log.toString());
    logmon.url();
    await("the new process's numbers show without a reload", () -> text("hits-total").equals("7"));
    assertThat(text("conn")).isEqualTo("live");
  }

  @Test
  void logTextWithScriptPayloadsShowsLiterallyAndRunsNothing() throws Exception {
    Path log = follow();
    browser = Browser.start(dir);
    browser.get(logmon.url().toString());
    await("the page connects", () -> text("conn").equals("live") && text("time").contains("T"));
    awaitFollowing(log);

    long now = System.currentTimeMillis() / 1000;
    String img = "<img\fsrc=x\fonerror=window.__pwned=1>";
    List<String> lines =
        List.of(
            LogLines.line(now, "192.0.2.1", "-", "/\\\">" + img, 200, "x"),
            LogLines.line(now, "192.0.2.2", "-", "/<svg\tonload=window.__pwned=1>", 200, "x"),
            LogLines.line(
                now, "192.0.2.3", "-", "/</script><script>window.__pwned=1</script>", 200, "x"),
            LogLines.line(now, "192.0.2.4", "-", "/javascript:window.__pwned=1", 200, "x"),
            LogLines.line(
                now,
                "192.0.2.5",
                "<script>window.__pwned=1</script>",
                "/u",
                200,
                "</script><script>window.__pwned=1</script>\\\"><img src=x onerror=\\\"window.__pwned=1\\\">"));
    LogmonProcess.append(log, lines);

    await("the payload lines are counted", () -> text("hits-total").equals("5"));
    String sections = text("sections");
    assertThat(sections)
        .contains("<img\\x0csrc=x\\x0conerror=window.__pwned=1>")
        .contains("/<svg\\x09onload=window.__pwned=1>")
        .contains("/javascript:window.__pwned=1")
        .contains("/<");
    assertThat(browser.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(
            browser.findElements(
                By.cssSelector("main img, main svg *:not(rect):not(line):not(text)")))
        .isEmpty();

    HttpResponse<String> snap =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(logmon.url().resolve("/api/snapshot")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(snap.body()).doesNotContain("<").contains("\\u003Csvg");
  }

  /**
   * Issue 15: paths with a right-to-left override, isolates or zero-width characters show escaped,
   * as in the terminal, so nothing on the page reads backwards or disappears.
   */
  @Test
  void invisibleAndDirectionCharactersShowEscaped() throws Exception {
    Path log = follow();
    browser = Browser.start(dir);
    browser.get(logmon.url().toString());
    await("the page connects", () -> text("conn").equals("live"));
    awaitFollowing(log);
    long now = System.currentTimeMillis() / 1000;
    List<String> lines = new ArrayList<>();
    for (String path : List.of("/\u202Egnp.exe/x", "/ad\u200Bmin/x", "/\u2066shop\u2069\uFEFF/y")) {
      lines.add(LogLines.line(now, "192.0.2.9", "-", path, 200, "Mozilla\u202E/5.0\u200B"));
    }
    LogmonProcess.append(log, lines);
    await("the lines are counted", () -> text("hits-total").equals("3"));
    String sections =
        (String) browser.executeScript("return document.getElementById('sections').textContent");
    assertThat(sections)
        .contains("/\\u202egnp.exe")
        .contains("/ad\\u200bmin")
        .contains("/\\u2066shop\\u2069\\ufeff");
    String page = (String) browser.executeScript("return document.body.textContent");
    assertThat(
            page.codePoints()
                .filter(dev.logmon.present.Sanitizer::isUnsafe)
                .filter(c -> c != '\n' && c != '\t' && c != '\r'))
        .as("unsafe characters on the page")
        .isEmpty();
  }
}
