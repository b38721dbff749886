import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The JDK's HttpServer configured as tightly as it allows, serving only /healthz: the comparison
 * point for bench/SlowClients.java. POOL threads (0: a cached pool, one thread per busy
 * connection); its limits are JVM-wide system properties.
 *
 * <p>Run: {@code java -Djdk.httpserver.maxConnections=256 -Dsun.net.httpserver.maxReqTime=10
 * -Dsun.net.httpserver.idleInterval=10 bench/JdkServerProbe.java PORT POOL}
 */
public final class JdkServerProbe {
  public static void main(String[] args) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
    int n = Integer.parseInt(args[1]); s.setExecutor(n == 0 ? Executors.newCachedThreadPool() : Executors.newFixedThreadPool(n));
    s.createContext("/", ex -> {
      byte[] b = "{\"status\":\"ok\"}".getBytes();
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    s.start();
    System.out.println("started " + ProcessHandle.current().pid());
  }
}
