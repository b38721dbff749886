package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx (Debian's package, /usr/sbin/nginx, installed by .ci/run) with {@code access_log
 * syslog:server=127.0.0.1:PORT}, run in the foreground on its own prefix in a temp dir: logmon
 * {@code --syslog} counts every request it serves, under nginx's host name as the source (and
 * vhost, since the combined format has none).
 */
class NginxSyslogIT {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUESTS = 200;

  @TempDir Path dir;

  @Test
  void everyRequestNginxServesIsCountedUnderItsHost() throws Exception {
    assertThat(NGINX).as("nginx (Debian's nginx-light; .ci/run installs it)").isExecutable();
    // nginx names itself by gethostname(), lowercased.
    String host =
        Files.readString(Path.of("/proc/sys/kernel/hostname")).trim().toLowerCase(Locale.ROOT);
    try (LogmonProcess logmon =
        LogmonProcess.start("--syslog", "0", "--output", "json", "--interval", "1s")) {
      String note = logmon.awaitErr("syslog: receiving on udp and tcp ");
      int syslogPort = Integer.parseInt(note.substring(note.lastIndexOf(':') + 1).trim());
      Process nginx = null;
      int httpPort = 0;
      try {
        for (int attempt = 0; nginx == null; attempt++) {
          httpPort = freePort();
          nginx = startNginx(httpPort, syslogPort, attempt);
        }
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < REQUESTS; i++) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + httpPort + "/shop/item/" + i))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(200);
        }
        String report =
            logmon.awaitLine(
                l -> l.contains("\"type\":\"report\"") && l.contains("\"hits_total\":" + REQUESTS),
                Duration.ofSeconds(30));
        JsonNode r = JSON.readTree(report);
        assertThat(r.get("malformed_total").asLong()).isZero();
        JsonNode source = null;
        for (JsonNode s : r.get("sources")) {
          if (s.get("name").asText().equals(host)) {
            source = s;
          }
        }
        assertThat(source).as("a source named %s in %s", host, r.get("sources")).isNotNull();
        assertThat(source.get("lines").asLong()).isEqualTo(REQUESTS);
        // The combined format names no vhost: the sending host is the lines' vhost.
        JsonNode vhosts = r.get("vhosts").get("window");
        assertThat(vhosts.get(0).get("vhost").asText()).isEqualTo(host);
        assertThat(vhosts.get(0).get("hits").asLong()).isEqualTo(REQUESTS);
      } finally {
        if (nginx != null) {
          nginx.destroy();
          nginx.waitFor(10, TimeUnit.SECONDS);
        }
      }
      assertThat(logmon.stop()).isZero();
      JsonNode summary =
          JSON.readTree(
              logmon.awaitLine(l -> l.contains("\"type\":\"summary\""), Duration.ofSeconds(5)));
      assertThat(summary.get("hits_total").asLong()).isEqualTo(REQUESTS);
      assertThat(summary.get("sections").get(0).get("section").asText()).isEqualTo("/shop");
    }
  }

  /** nginx in the foreground on its own prefix; null if its port was taken meanwhile. */
  private Process startNginx(int httpPort, int syslogPort, int attempt) throws Exception {
    Path prefix = Files.createDirectories(dir.resolve("nginx-" + attempt));
    Path conf = prefix.resolve("nginx.conf");
    String p = prefix.toString();
    Files.writeString(
        conf,
        String.join(
            "\n",
            "daemon off;",
            "worker_processes 1;",
            "error_log " + p + "/error.log notice;",
            "pid " + p + "/nginx.pid;",
            "events { worker_connections 64; }",
            "http {",
            "  access_log syslog:server=127.0.0.1:" + syslogPort + " combined;",
            "  client_body_temp_path " + p + "/body;",
            "  proxy_temp_path " + p + "/proxy;",
            "  fastcgi_temp_path " + p + "/fastcgi;",
            "  uwsgi_temp_path " + p + "/uwsgi;",
            "  scgi_temp_path " + p + "/scgi;",
            "  server {",
            "    listen 127.0.0.1:" + httpPort + ";",
            "    location / { return 200 \"ok\\n\"; }",
            "  }",
            "}",
            ""));
    List<String> cmd = new ArrayList<>(List.of(NGINX.toString(), "-p", p, "-c", conf.toString()));
    Process nginx =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("stdout.log").toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (!nginx.isAlive()) {
        String log = Files.readString(prefix.resolve("stdout.log")) + errorLog(prefix);
        if (log.contains("Address already in use") && attempt < 5) {
          return null;
        }
        throw new AssertionError("nginx exited " + nginx.exitValue() + ":\n" + log);
      }
      try {
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), httpPort).close();
        return nginx;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    nginx.destroyForcibly();
    throw new AssertionError("nginx did not listen within 20 s:\n" + errorLog(prefix));
  }

  private static String errorLog(Path prefix) throws IOException {
    Path log = prefix.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
