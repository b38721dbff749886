package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.it.LogmonProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients against a running logmon (issue 15: 3,000 clients sending partial headers took it to
 * 2,195 threads and 380 MB, and under a process limit SIGTERM then failed with no summary).
 *
 * <p>logmon runs with a 64 MiB heap that exits on running out of memory and, as root (CI), as
 * {@code nobody} with a limit of {@value #PROCESS_LIMIT} threads for that user. The test opens
 * {@value #SLOW_CLIENTS} connections that send a request line and then a header line now and then,
 * never finishing, and until the server has closed them all it checks: the thread count and RSS
 * stay under fixed bounds, open sockets come down to the connection cap at once and stay there,
 * {@code /healthz} and {@code /metrics} answer, and lines appended meanwhile are all counted; then
 * SIGTERM prints the summary. Loopback only; bounded by the request timeout (10 s) plus the
 * deadlines below.
 */
class SlowClientsIT {
  /** The request counter of the lines appended during the test. */
  private static final String DURING =
      "logmon_http_requests_total{method=\"GET\",section=\"/during\",status_class=\"2xx\"}";

  static final int SLOW_CLIENTS = 400;

  /**
   * Threads for user {@code nobody} (all of its processes count): far above logmon's bound, so
   * other tests running as nobody meanwhile cannot matter, and below what a thread per slow client
   * would need.
   */
  static final int PROCESS_LIMIT = 300;

  static final int MAX_THREADS = 64;
  static final long MAX_RSS_KB = 320 * 1024;

  /** The connection cap, plus the listening socket and a few probes and accepts in flight. */
  static final int MAX_SOCKETS = WebLimits.DEFAULT.connections() + 32;

  @TempDir Path dir;

  @Test
  void slowClientsCostNoThreadsAndNoLineAndStopStillPrintsTheSummary() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path log = dir.resolve("access.log");
    Files.createFile(log);
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> jvm = List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");
    String[] args = {"--web", "0", "--output", "plain", log.toString()};
    try (LogmonProcess p =
        LogmonProcess.root()
            ? LogmonProcess.startAsNobody(
                dir, List.of("prlimit", "--nproc=" + PROCESS_LIMIT, "--"), jvm, args)
            : LogmonProcess.startAs(List.of(), jvm, args)) {
      URI url = p.url();
      InetSocketAddress server =
          new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), url.getPort());
      await(server, "/healthz", "\"ready\":true"); // the first view is published
      int threadsBefore = (int) status(p.pid(), "Threads:");

      List<SocketChannel> slow = new ArrayList<>();
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        SocketChannel c = SocketChannel.open(server);
        c.configureBlocking(false);
        write(c, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        slow.add(c);
      }

      // A burst of connections is accepted before the cap is applied to it; the server settles at
      // the cap within moments (the request timeout, which would close them all anyway, is 10 s).
      // Settled means the kernel's accept queue is empty too: under load the server may not have
      // accepted the burst yet, and the open sockets are low only until it does.
      long settle = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (acceptQueue(url.getPort()) > 0 || sockets(p.pid()) > MAX_SOCKETS) {
        assertThat(System.nanoTime()).as("open sockets come down to the cap").isLessThan(settle);
        Thread.sleep(20);
      }

      long written = 0;
      long maxThreads = 0;
      long maxRssKb = 0;
      long maxSockets = 0;
      int probes = 0;
      long second = System.currentTimeMillis() / 1000;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // Until the server has closed every slow connection (its request timeout), or the deadline.
      while (slow.stream().anyMatch(SocketChannel::isOpen)) {
        assertThat(System.nanoTime()).as("slow connections closed in time").isLessThan(deadline);
        for (SocketChannel c : slow) {
          trickle(c);
        }
        LogmonProcess.append(log, LogLines.hits(second, "/during", 20));
        written += 20;
        maxThreads = Math.max(maxThreads, status(p.pid(), "Threads:"));
        maxRssKb = Math.max(maxRssKb, status(p.pid(), "VmRSS:"));
        maxSockets = Math.max(maxSockets, sockets(p.pid()));
        assertThat(get(server, "/healthz")).as("/healthz").startsWith("HTTP/1.1 200");
        assertThat(get(server, "/metrics")).as("/metrics").contains("logmon_alert_active ");
        probes++;
      }

      System.out.printf(
          "SlowClientsIT: %d slow clients; threads %d before, max %d; RSS max %d MiB;"
              + " open sockets max %d; %d probe rounds; %d lines written%n",
          SLOW_CLIENTS, threadsBefore, maxThreads, maxRssKb / 1024, maxSockets, probes, written);
      assertThat(probes).isGreaterThan(3);
      assertThat(maxThreads)
          .as("threads (%d before)", threadsBefore)
          .isLessThanOrEqualTo(MAX_THREADS);
      assertThat(maxRssKb).as("RSS in KiB").isLessThanOrEqualTo(MAX_RSS_KB);
      assertThat(maxSockets).as("open sockets").isLessThanOrEqualTo(MAX_SOCKETS);
      long expected = written;
      await(server, "/metrics", "\n" + DURING + " " + expected + ".0\n");

      assertThat(p.stop()).isEqualTo(0);
      assertThat(p.stdout()).anyMatch(l -> l.startsWith("Summary at"));
      assertThat(p.stdout()).anyMatch(l -> l.contains(expected + " read: " + expected + " hits"));
    }
  }

  private static void write(SocketChannel c, String s) throws IOException {
    c.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
  }

  /** One more header line; closes our end once the server has closed its own. */
  private static void trickle(SocketChannel c) throws IOException {
    if (!c.isOpen()) {
      return;
    }
    try {
      write(c, "X-Slow: 1\r\n");
      if (c.read(ByteBuffer.allocate(1024)) < 0) {
        c.close();
      }
    } catch (IOException e) {
      c.close();
    }
  }

  /** The status line and body of GET path on a new connection, failing after 5 s. */
  private static String get(InetSocketAddress server, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, 5_000);
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Polls GET path until the response contains {@code text}, failing after 20 s. */
  private static void await(InetSocketAddress server, String path, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = get(server, path);
      if (last.contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text.strip() + "' in " + path + " within 20 s:\n" + last);
  }

  /** A number from /proc/PID/status (Threads:, VmRSS: in KiB). */
  private static long status(long pid, String field) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith(field)) {
        return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no " + field + " for " + pid);
  }

  /**
   * Connections waiting in the accept queue of the socket listening on {@code port} (for a
   * listening socket, the rx_queue of /proc/net/tcp or tcp6, where Java's dual-stack sockets
   * appear, is that queue's length).
   */
  private static int acceptQueue(int port) throws IOException {
    String local = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String l : Files.readAllLines(Path.of(table))) {
        String[] f = l.trim().split("\\s+");
        if (f.length > 4 && f[1].endsWith(local) && f[3].equals("0A")) {
          return Integer.parseInt(f[4].substring(f[4].indexOf(':') + 1), 16);
        }
      }
    }
    throw new IllegalStateException("no socket listening on port " + port);
  }

  /** The process's open sockets (its other files, jars and pipes, are not counted). */
  private static long sockets(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.filter(SlowClientsIT::isSocket).count();
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException e) {
      return false; // closed meanwhile
    }
  }
}
