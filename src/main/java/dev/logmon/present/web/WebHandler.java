package dev.logmon.present.web;

import dev.logmon.present.MonitorView;
import dev.logmon.present.report.ReportHtml;
import dev.logmon.present.report.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request of the web server: security headers, then the Host rule, the method, the
 * token, and the route. It never blocks: bodies are in memory and written asynchronously, and an
 * event stream is handed to {@link EventStream}.
 */
final class WebHandler extends Handler.Abstract.NonBlocking {
  /** The whole-history report as JSON, and as the page that embeds it. */
  private record Report(String json, String html) {}

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  private static final Map<String, String> ASSETS =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/app.css", "app.css");
  private static final Map<String, byte[]> RESOURCES =
      Map.of(
          "index.html", resource("index.html"),
          "app.js", resource("app.js"),
          "app.css", resource("app.css"));

  private final WebPresenter presenter;
  private final RenderCache<String> cache;
  private final RenderCache<Report> reports;
  private final MetricsEndpoint metrics;
  private final EventStream events;
  private final HostRule hosts;
  private final WebAuth auth;
  private final ConnectionGuard guard;

  WebHandler(
      WebPresenter presenter,
      RenderCache<String> cache,
      EventStream events,
      HostRule hosts,
      WebAuth auth,
      ConnectionGuard guard) {
    this.presenter = presenter;
    this.cache = cache;
    this.reports =
        new RenderCache<>(
            presenter,
            p -> {
              String json = ReportJson.of(p.view(), java.time.Instant.now());
              return new Report(json, ReportHtml.of(json));
            });
    this.metrics = new MetricsEndpoint(this::view);
    this.events = events;
    this.hosts = hosts;
    this.auth = auth;
    this.guard = guard;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection c = request.getConnectionMetaData().getConnection();
    guard.requestStarted(c);
    Request.addCompletionListener(request, x -> guard.requestEnded(c));
    var h = response.getHeaders();
    h.put("Content-Security-Policy", CSP);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    HostRule.Verdict host = host(request);
    if (host == HostRule.Verdict.UNKNOWN) {
      send(
          request,
          response,
          callback,
          421,
          TEXT,
          "unknown Host (logmon --web-host NAME allows a name)\n");
    } else if (host != HostRule.Verdict.ALLOWED) {
      send(request, response, callback, 400, TEXT, "missing or malformed Host\n");
    } else if (!HttpMethod.GET.is(request.getMethod())
        && !HttpMethod.HEAD.is(request.getMethod())) {
      h.put(HttpHeader.ALLOW, "GET, HEAD");
      send(request, response, callback, 405, TEXT, "method not allowed\n");
    } else if (!auth.allows(request)) {
      h.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"logmon\"");
      send(request, response, callback, 401, TEXT, "unauthorized\n");
    } else {
      route(request, response, callback);
    }
    return true;
  }

  /**
   * The verdict on the request's Host: exactly one Host header, and an absolute request target
   * (which takes precedence over the header) judged the same way.
   */
  private HostRule.Verdict host(Request request) {
    List<String> values = request.getHeaders().getValuesList(HttpHeader.HOST);
    if (values.size() > 1) {
      return HostRule.Verdict.MALFORMED;
    }
    HostRule.Verdict v = hosts.check(values.isEmpty() ? null : values.get(0));
    String authority = request.getHttpURI().getAuthority();
    if (v == HostRule.Verdict.ALLOWED && authority != null) {
      return hosts.check(authority);
    }
    return v;
  }

  private void route(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    switch (path == null ? "" : path) {
      case "/events" -> {
        if (!events.open(request, response, callback)) {
          send(request, response, callback, 503, TEXT, "too many event streams\n");
        }
      }
      case "/api/snapshot" -> json(request, response, callback, cache.get());
      case "/api/report" -> {
        Report report = reports.get();
        json(request, response, callback, report == null ? null : report.json());
      }
      case "/report" -> {
        Report report = reports.get();
        if (report == null) {
          send(request, response, callback, 503, TEXT, "no snapshot yet\n");
        } else {
          // The report runs its own inline script, allowed by hash: its policy, not the page's.
          response
              .getHeaders()
              .put("Content-Security-Policy", ReportHtml.POLICY + "; frame-ancestors 'none'");
          send(request, response, callback, 200, "text/html; charset=utf-8", report.html());
        }
      }
      case "/api/alerts" -> {
        MonitorView v = view();
        json(request, response, callback, v == null ? null : WebJson.alerts(v));
      }
      case "/healthz" ->
          send(
              request,
              response,
              callback,
              200,
              JSON,
              "{\"status\":\"ok\",\"ready\":" + (view() != null) + "}");
      case "/metrics" -> metrics(request, response, callback);
      default -> asset(request, response, callback, path);
    }
  }

  /**
   * {@code /metrics}: the Prometheus client's scrape handler answers into memory, and the answer is
   * sent without blocking, so a scraper that reads slowly never holds a server thread. A HEAD
   * request is scraped as a GET, so that its headers (length, encoding) are those of the GET.
   */
  private void metrics(Request request, Response response, Callback callback) {
    BufferedScrapeExchange scrape =
        new BufferedScrapeExchange(
            "GET",
            request.getHttpURI().getPath(),
            request.getHttpURI().getQuery(),
            name -> request.getHeaders().getValuesList(name));
    try {
      metrics.serve(scrape);
    } catch (IOException e) {
      throw new UncheckedIOException("a scrape into memory cannot fail to write", e);
    }
    String encoding = scrape.header(HttpHeader.CONTENT_ENCODING.asString());
    if (encoding != null) {
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, encoding);
    }
    String type = scrape.header(HttpHeader.CONTENT_TYPE.asString());
    send(request, response, callback, scrape.status(), type, scrape.body());
  }

  private void asset(Request request, Response response, Callback callback, String path) {
    String name = path == null ? null : ASSETS.get(path);
    if (name == null) {
      send(request, response, callback, 404, TEXT, "not found\n");
      return;
    }
    String token = WebAuth.queryToken(request);
    if (name.equals("index.html") && auth.required() && token != null) {
      // The page was opened with ?token=: remember it so the script, styles and event stream
      // need not carry it in their URLs. Reaching here means the token was right.
      response
          .getHeaders()
          .add(
              HttpHeader.SET_COOKIE,
              WebAuth.COOKIE
                  + "="
                  + URLEncoder.encode(token, StandardCharsets.UTF_8)
                  + "; Path=/; HttpOnly; SameSite=Strict");
    }
    send(request, response, callback, 200, contentType(name), RESOURCES.get(name));
  }

  private MonitorView view() {
    WebPresenter.Published p = presenter.latest();
    return p == null ? null : p.view();
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebHandler.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON document of the newest view, or 503 while there is none ({@code json} null). */
  private static void json(Request request, Response response, Callback callback, String json) {
    if (json == null) {
      send(request, response, callback, 503, JSON, "{\"error\":\"no snapshot yet\"}");
    } else {
      send(request, response, callback, 200, JSON, json);
    }
  }

  private static void send(
      Request request, Response response, Callback callback, int status, String type, String body) {
    send(request, response, callback, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(
      Request request, Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }
}
