package dev.logmon.present.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.logmon.present.MonitorView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server, inside the logmon process: the page and its assets, {@code /events}
 * (server-sent events), {@code /api/snapshot}, {@code /api/alerts}, {@code /healthz} and {@code
 * /metrics}.
 *
 * <p>Every response carries a strict Content-Security-Policy (no inline script, nothing from
 * another origin) and {@code X-Content-Type-Options: nosniff}. Requests run on a pool of daemon
 * threads, so a running server never keeps the JVM alive by itself.
 */
public final class WebServer implements AutoCloseable {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";
  private static final Map<String, String> ASSETS =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/app.css", "app.css");
  private static final String JSON = "application/json; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final WebPresenter presenter;
  private final SnapshotCache cache;
  private final LogmonMetrics metrics;
  private final WebAuth auth;
  private final EventStream events;
  private volatile boolean stopped;

  private WebServer(HttpServer server, WebPresenter presenter, WebAuth auth) {
    this.server = server;
    this.presenter = presenter;
    this.auth = auth;
    this.cache = new SnapshotCache(presenter);
    this.metrics = new LogmonMetrics(this::view);
    this.events = new EventStream(presenter, cache, () -> stopped);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "logmon-web-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving {@code presenter}'s views at {@code address}.
   *
   * @param token required on every request when not null
   */
  public static WebServer start(WebAddress address, WebPresenter presenter, String token)
      throws IOException {
    HttpServer http = HttpServer.create(address.resolve(), 64);
    WebServer s = new WebServer(http, presenter, new WebAuth(token, address.loopback()));
    http.start();
    return s;
  }

  /** The address actually bound (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The dashboard's URL. */
  public URI url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Stops serving: open event streams end and the port is released. */
  @Override
  public void close() {
    stopped = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private MonitorView view() {
    WebPresenter.Published p = presenter.latest();
    return p == null ? null : p.view();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      var h = ex.getResponseHeaders();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      h.set("Cache-Control", "no-store");
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      if (!auth.allows(ex)) {
        h.set("WWW-Authenticate", "Bearer realm=\"logmon\"");
        send(ex, 401, "text/plain; charset=utf-8", "unauthorized\n");
        return;
      }
      route(ex, ex.getRequestURI().getPath());
    } catch (IOException | RuntimeException e) {
      ex.close();
    }
  }

  private void route(HttpExchange ex, String path) throws IOException {
    switch (path) {
      case "/events" -> {
        if (!events.tryAcquire()) {
          send(ex, 503, "text/plain; charset=utf-8", "too many event streams\n");
        } else {
          events.serve(ex);
        }
      }
      case "/api/snapshot" -> {
        String json = cache.json();
        if (json == null) {
          send(ex, 503, JSON, "{\"error\":\"no snapshot yet\"}");
        } else {
          send(ex, 200, JSON, json);
        }
      }
      case "/api/alerts" -> {
        MonitorView v = view();
        send(
            ex,
            v == null ? 503 : 200,
            JSON,
            v == null ? "{\"error\":\"no snapshot yet\"}" : WebJson.alerts(v));
      }
      case "/healthz" ->
          send(ex, 200, JSON, "{\"status\":\"ok\",\"ready\":" + (view() != null) + "}");
      case "/metrics" -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        metrics.write(b);
        send(ex, 200, metrics.contentType(), b.toByteArray());
      }
      default -> asset(ex, path);
    }
  }

  private void asset(HttpExchange ex, String path) throws IOException {
    String name = ASSETS.get(path);
    if (name == null) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n");
      return;
    }
    if (name.equals("index.html") && auth.required() && WebAuth.queryToken(ex) != null) {
      // The page was opened with ?token=: remember it so the script, styles and event stream
      // need not carry it in their URLs. Reaching here means the token was right.
      ex.getResponseHeaders()
          .add(
              "Set-Cookie",
              WebAuth.COOKIE
                  + "="
                  + java.net.URLEncoder.encode(WebAuth.queryToken(ex), StandardCharsets.UTF_8)
                  + "; Path=/; HttpOnly; SameSite=Strict");
    }
    send(ex, 200, contentType(name), resource(name));
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebServer.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }
}
