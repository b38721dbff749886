package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.it.LogmonProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar with {@code --web}: a replay keeps serving its final state after the summary until
 * SIGTERM, then exits 0; a non-loopback address warns and requires the token.
 */
class JarWebIT {
  private static final long T = 1_700_000_000L;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private Path log() throws Exception {
    List<String> lines = new ArrayList<>(LogLines.hits(T, "/a", 30));
    lines.addAll(LogLines.hits(T + 1, "/b", 6));
    lines.add("garbage");
    Path log = dir.resolve("access.log");
    Files.write(log, lines);
    return log;
  }

  private HttpResponse<String> get(java.net.URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void replayKeepsServingItsFinalStateUntilStopped() throws Exception {
    try (LogmonProcess p =
        LogmonProcess.start(
            "--replay", "--web", "0", "--window", "10s", "-t", "2", log().toString())) {
      java.net.URI url = p.url();
      p.awaitErr("replay done; still serving");
      // Standard output is pumped by its own thread: wait for the summary there, not on stderr.
      p.awaitLine(l -> l.startsWith("Summary at"), java.time.Duration.ofSeconds(20));
      assertThat(p.stdout())
          .anyMatch(l -> l.startsWith("High traffic generated an alert - hits = 3.00"));
      HttpResponse<String> snap = get(url.resolve("/api/snapshot"));
      assertThat(snap.statusCode()).isEqualTo(200);
      assertThat(snap.body())
          .contains("\"hits_total\":36", "\"finished\":true", "\"malformed_total\":1");
      String metrics = get(url.resolve("/metrics")).body();
      assertThat(metrics)
          .contains(
              "logmon_http_requests_total{method=\"GET\",section=\"/a\",status_class=\"2xx\"} 30.0")
          .contains(
              "logmon_http_requests_total{method=\"GET\",section=\"/b\",status_class=\"2xx\"} 6.0")
          .contains("logmon_build_info{version=\"0.1.0\"} 1")
          .contains("jvm_memory_used_bytes")
          .contains("process_cpu_seconds_total")
          .contains("logmon_malformed_lines_total{reason=\"bad_timestamp\"} 1.0")
          .contains("logmon_alert_active 1.0");
      assertThat(get(url.resolve("/api/alerts")).body()).contains("\"type\":\"alert\"");
      assertThat(p.stop()).isEqualTo(0);
    }
  }

  @Test
  void nonLoopbackAddressWarnsAndNeedsTheToken() throws Exception {
    try (LogmonProcess p =
        LogmonProcess.start(
            "--replay", "--web", "0.0.0.0:0", "--web-token", "tok", log().toString())) {
      String warning = p.awaitErr("warning: the web dashboard listens on 0.0.0.0");
      assertThat(warning).contains("every request must carry --web-token");
      // The URL printed is one a person can open: the real port, on an address to connect to.
      java.net.URI url = p.url();
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(url.getPort()).isPositive();
      // Another machine reaches it by an address of this machine's interfaces (the Host rule
      // accepts those; a name would need --web-host).
      String note = p.awaitErr("web dashboard at ");
      assertThat(note)
          .matches(
              "logmon: web dashboard at http://127\\.0\\.0\\.1:"
                  + url.getPort()
                  + "/ \\(listening on all interfaces(; from another machine: http://[0-9.]+:"
                  + url.getPort()
                  + "/|, port "
                  + url.getPort()
                  + ")\\)");
      java.util.regex.Matcher other =
          java.util.regex.Pattern.compile("another machine: http://([0-9.]+):").matcher(note);
      if (other.find()) {
        assertThat(
                java.net.NetworkInterface.getByInetAddress(
                    java.net.InetAddress.getByName(other.group(1))))
            .as("an address of this machine")
            .isNotNull();
      }
      java.net.URI health = url.resolve("/healthz");
      assertThat(get(health).statusCode()).isEqualTo(401);
      assertThat(get(health, "Authorization", "Bearer tok").statusCode()).isEqualTo(200);
      p.awaitErr("replay done; still serving");
      assertThat(p.stop()).isEqualTo(0);
    }
  }

  @Test
  void badWebOptionsAreUsageErrors() throws Exception {
    try (LogmonProcess p = LogmonProcess.start("--web", "nope:x", "--replay", log().toString())) {
      p.awaitErr("--web");
      assertThat(p.exitCode()).isEqualTo(2);
    }
    try (LogmonProcess p = LogmonProcess.start("--web-token", "t", "--replay", log().toString())) {
      p.awaitErr("--web-token needs --web");
      assertThat(p.exitCode()).isEqualTo(2);
    }
  }
}
