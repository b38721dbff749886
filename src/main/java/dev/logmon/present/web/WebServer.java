package dev.logmon.present.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The dashboard's HTTP server, inside the logmon process: the page and its assets, {@code /events}
 * (server-sent events), {@code /api/snapshot}, {@code /api/alerts}, {@code /healthz} and {@code
 * /metrics} ({@link WebHandler}), on an embedded Jetty.
 *
 * <p>Jetty because the JDK's {@code HttpServer} reads each request's headers on a pool thread: a
 * bounded pool is then stalled by as many slow clients as it has threads, an unbounded one grows a
 * thread per slow client, and its timeouts are JVM-wide system properties (measured in
 * docs/WEB.md). Here all threads ({@link WebLimits#threads()} and one timer) are started with the
 * server and none is ever added: headers are read without holding a thread, handlers never block,
 * event streams are written from the timer, and {@link ConnectionGuard} bounds connections and the
 * time they may take. All threads are daemons, so a running server never keeps the JVM alive.
 */
public final class WebServer implements AutoCloseable {
  /** Largest request head (request line and headers) read; larger gets 431. */
  static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorScheduler timer;
  private final EventStream events;
  private final ConnectionGuard guard;
  private final WebLimits limits;
  private volatile boolean stopped;

  private WebServer(
      Server server,
      ServerConnector connector,
      ScheduledExecutorScheduler timer,
      EventStream events,
      ConnectionGuard guard,
      WebLimits limits) {
    this.server = server;
    this.connector = connector;
    this.timer = timer;
    this.events = events;
    this.guard = guard;
    this.limits = limits;
  }

  /**
   * Starts serving {@code presenter}'s views at {@code address}.
   *
   * @param token required on every request when not null
   * @param hostNames further Host names to answer ({@code --web-host}); see {@link HostRule}
   */
  public static WebServer start(
      WebAddress address,
      WebPresenter presenter,
      String token,
      Collection<String> hostNames,
      WebLimits limits)
      throws IOException {
    InetSocketAddress bind = address.resolve();
    QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), limits.threads());
    pool.setName("logmon-web");
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("logmon-web-timer", true);
    Server server = new Server(pool, timer, null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    ServerConnector connector =
        new ServerConnector(server, pool, timer, null, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(bind.getAddress().getHostAddress());
    connector.setPort(bind.getPort());
    connector.setIdleTimeout(limits.ioTimeout().toMillis());
    connector.setAcceptQueueSize(1024);
    ConnectionGuard guard =
        new ConnectionGuard(limits.connections(), limits.requestTimeout(), System::nanoTime);
    connector.addEventListener(guard);
    server.addConnector(connector);
    RenderCache<String> cache =
        new RenderCache<>(presenter, p -> WebJson.snapshot(p.view(), p.finished()));
    EventStream events =
        new EventStream(
            presenter, cache, limits.eventStreams(), limits.ioTimeout(), System::nanoTime);
    List<String> names = new ArrayList<>(hostNames);
    if (!isLiteral(address.host())) {
      names.add(address.host()); // the name given in --web is this machine's own
    }
    HostRule hosts = new HostRule(bind.getAddress(), names);
    server.setHandler(new WebHandler(presenter, cache, events, hosts, new WebAuth(token), guard));
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    WebServer s = new WebServer(server, connector, timer, events, guard, limits);
    s.scheduleTicks();
    s.scheduleSweeps();
    return s;
  }

  /** Throws, with a reason, when {@code name} cannot be given as {@code --web-host}. */
  public static void checkHostName(String name) {
    HostRule.normalName(name);
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private void scheduleTicks() {
    if (!stopped) {
      timer.schedule(
          () -> {
            events.tick();
            scheduleTicks();
          },
          EventStream.TICK_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  private void scheduleSweeps() {
    if (!stopped) {
      // A quarter of the timeout: a connection is closed at most 25% after its deadline.
      timer.schedule(
          () -> {
            guard.sweep();
            scheduleSweeps();
          },
          Math.max(100, limits.requestTimeout().toMillis() / 4),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The address actually bound (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    try {
      return new InetSocketAddress(
          InetAddress.getByName(connector.getHost()), connector.getLocalPort());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("the bound host is an address literal", e);
    }
  }

  /**
   * The dashboard's URL, one a browser on this machine can open: the bound address and port, or
   * loopback when bound to every interface ({@code 0.0.0.0} and {@code ::} are not addresses to
   * connect to).
   */
  public URI url() {
    InetSocketAddress a = address();
    InetAddress ip = a.getAddress();
    // A listener on every interface (0.0.0.0, or :: which is dual-stack) takes IPv4 loopback too.
    String host = ip.isAnyLocalAddress() ? "127.0.0.1" : ip.getHostAddress();
    host = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Whether the server listens on every interface ({@code 0.0.0.0} or {@code ::}). */
  public boolean everyInterface() {
    return address().getAddress().isAnyLocalAddress();
  }

  /** Connections open now (for tests and diagnostics). */
  int openConnections() {
    return guard.openCount();
  }

  /** Connections that would make room for a new one now: slow or idle (for tests). */
  int laggardConnections() {
    return guard.laggardCount();
  }

  /** Event streams open now. */
  int openEventStreams() {
    return events.openCount();
  }

  /** Stops serving: open event streams end and the port is released. */
  @Override
  public void close() {
    stopped = true;
    events.close();
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping is best effort: the process is usually about to end.
    }
  }
}
