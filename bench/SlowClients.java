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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Slow-client (slowloris) load on a web server, measuring what it costs the server: opens N
 * connections that send a request line and then one header line every few seconds, never finishing
 * the headers (a connection the server closes is opened again, at most once a second each), and
 * meanwhile times {@code GET /healthz} on a fresh connection every 200 ms and samples the server
 * process's threads and RSS from /proc once a second. Loopback only.
 *
 * <p>Run: {@code java bench/SlowClients.java PID http://127.0.0.1:PORT/ CLIENTS SECONDS}
 */
public final class SlowClients {
  public static void main(String[] args) throws Exception {
    long pid = Long.parseLong(args[0]);
    URI url = URI.create(args[1]);
    int clients = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    InetSocketAddress target = new InetSocketAddress(url.getHost(), url.getPort());
    if (!target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("loopback only");
    }
    SocketChannel[] slow = new SocketChannel[clients];
    long[] openedAt = new long[clients];
    long reconnects = 0;
    List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    int[] healthFailures = {0};
    long maxThreads = 0;
    long maxRssKb = 0;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long nextSample = start;
    Thread prober =
        new Thread(
            () -> {
              // On its own thread, so a slow connect of the attackers never delays a probe.
              while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                if (health(target)) {
                  healthMillis.add((System.nanoTime() - t0) / 1_000_000);
                } else {
                  healthFailures[0]++;
                }
                long wait = t0 + 200_000_000L - System.nanoTime();
                if (wait > 0) {
                  try {
                    Thread.sleep(wait / 1_000_000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            });
    prober.start();
    long nextTrickle = start;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        if (slow[i] == null && now - openedAt[i] > 1_000_000_000L) {
          try {
            slow[i] = SocketChannel.open();
            slow[i].socket().connect(target, 2_000);
            slow[i].configureBlocking(false);
            write(slow[i], "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            if (openedAt[i] != 0) {
              reconnects++;
            }
          } catch (IOException e) {
            close(slow, i);
          }
          openedAt[i] = now;
        }
      }
      if (now >= nextTrickle) {
        for (int i = 0; i < clients; i++) {
          if (slow[i] != null) {
            try {
              write(slow[i], "X-Slow-" + i + ": 1\r\n");
              if (slow[i].read(ByteBuffer.allocate(512)) < 0) {
                close(slow, i);
              }
            } catch (IOException e) {
              close(slow, i);
            }
          }
        }
        nextTrickle = now + 5_000_000_000L;
      }
      if (now >= nextSample) {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("Threads:")) {
            maxThreads = Math.max(maxThreads, Long.parseLong(line.split("\\s+")[1]));
          } else if (line.startsWith("VmRSS:")) {
            maxRssKb = Math.max(maxRssKb, Long.parseLong(line.split("\\s+")[1]));
          }
        }
        nextSample = now + 1_000_000_000L;
      }
      Thread.sleep(20);
    }
    prober.join();
    int open = 0;
    for (int i = 0; i < clients; i++) {
      if (slow[i] != null) {
        open++;
        close(slow, i);
      }
    }
    Collections.sort(healthMillis);
    System.out.printf(
        "clients %d, open at end %d, reopened %d; server threads max %d, RSS max %d MB;"
            + " /healthz ok %d, failed %d (5 s timeout), p50 %s ms, p99 %s ms, max %s ms%n",
        clients,
        open,
        reconnects,
        maxThreads,
        maxRssKb / 1024,
        healthMillis.size(),
        healthFailures[0],
        pct(healthMillis, 0.5),
        pct(healthMillis, 0.99),
        healthMillis.isEmpty() ? "-" : healthMillis.get(healthMillis.size() - 1));
  }

  private static String pct(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? "-"
        : String.valueOf(sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())));
  }

  private static void write(SocketChannel c, String s) throws IOException {
    c.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
  }

  private static void close(SocketChannel[] slow, int i) {
    try {
      if (slow[i] != null) {
        slow[i].close();
      }
    } catch (IOException e) {
      // already gone
    }
    slow[i] = null;
  }

  /** Whether GET /healthz on a new connection answers 200 within 5 s. */
  private static boolean health(InetSocketAddress target) {
    try (Socket s = new Socket()) {
      s.connect(target, 5_000);
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }
}
