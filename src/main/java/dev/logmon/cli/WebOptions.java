package dev.logmon.cli;

import dev.logmon.present.CompositePresenter;
import dev.logmon.present.Presenter;
import dev.logmon.present.web.WebAddress;
import dev.logmon.present.web.WebLimits;
import dev.logmon.present.web.WebPresenter;
import dev.logmon.present.web.WebServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The web dashboard's options, mixed into {@link LogmonCommand}, and the server's life around a
 * run: started before the first line, kept after a replay until the process is stopped.
 */
final class WebOptions {
  @Option(
      names = "--web",
      paramLabel = "[HOST:]PORT",
      converter = AddressConverter.class,
      description =
          "Also serve a live dashboard, JSON API and Prometheus /metrics at this address (host"
              + " 127.0.0.1 unless given; port 0 picks a free one). With --replay, keeps serving"
              + " after the summary until Ctrl-C / SIGTERM.")
  WebAddress address;

  @Option(
      names = "--web-token",
      paramLabel = "TOKEN",
      description =
          "Require this token on every web request: 'Authorization: Bearer TOKEN', or open the"
              + " page as /?token=TOKEN.")
  String token;

  @Option(
      names = "--web-host",
      paramLabel = "NAME",
      description =
          "Also answer requests whose Host header is NAME (repeatable), e.g. the name a reverse"
              + " proxy or your browser uses. Loopback names and addresses and the --web address"
              + " are always answered; any other Host gets 421, so DNS rebinding cannot reach the"
              + " dashboard.")
  List<String> hostNames = new ArrayList<>();

  private WebServer server;

  boolean enabled() {
    return address != null;
  }

  /** What is wrong with the options, or null. */
  String problem() {
    if (token != null && address == null) {
      return "--web-token needs --web";
    }
    if (token != null && token.isBlank()) {
      return "--web-token must not be empty";
    }
    if (!hostNames.isEmpty() && address == null) {
      return "--web-host needs --web";
    }
    for (String name : hostNames) {
      try {
        WebServer.checkHostName(name);
      } catch (IllegalArgumentException e) {
        return "--web-host: " + e.getMessage();
      }
    }
    return null;
  }

  /** With --web, starts the server and returns a presenter feeding it and {@code base}. */
  Presenter start(Presenter base, Consumer<String> note) throws IOException {
    if (address == null) {
      return base;
    }
    WebPresenter web = new WebPresenter();
    try {
      server = WebServer.start(address, web, token, hostNames, WebLimits.DEFAULT);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve --web " + address.host() + ":" + address.port() + ": " + e.getMessage(), e);
    }
    if (!address.loopback()) {
      note.accept(
          "warning: the web dashboard listens on "
              + address.host()
              + ", reachable from other machines; "
              + (token == null
                  ? "anyone who can connect can read it (set --web-token)"
                  : "every request must carry --web-token"));
    }
    note.accept("web dashboard at " + server.url() + elsewhere(server));
    return new CompositePresenter(List.of(base, web));
  }

  /**
   * For a server on every interface, how another machine reaches it: by an address of this
   * machine's network interfaces (which the Host rule accepts, where a name needs --web-host),
   * found without a DNS lookup that could stall the start.
   */
  private static String elsewhere(WebServer server) {
    if (!server.everyInterface()) {
      return "";
    }
    String port = String.valueOf(server.address().getPort());
    String address = interfaceAddress();
    return address == null
        ? " (listening on all interfaces, port " + port + ")"
        : " (listening on all interfaces; from another machine: http://"
            + address
            + ":"
            + port
            + "/)";
  }

  /** The first IPv4 address of an interface that is up and not loopback, or null. */
  static String interfaceAddress() {
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces to be had: the loopback URL is all there is
    }
    return null;
  }

  /** After a replay with --web: serves until SIGINT/SIGTERM, then exits 0. */
  void serveUntilStopped(Consumer<String> note) throws InterruptedException {
    if (server == null) {
      return;
    }
    WebServer s = server;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.close();
                  System.out.flush();
                  System.err.flush();
                  // Stopping is how this mode is meant to end: exit 0, not 130/143.
                  Runtime.getRuntime().halt(0);
                },
                "logmon-web-shutdown"));
    note.accept("replay done; still serving " + s.url() + " until Ctrl-C");
    new CountDownLatch(1).await();
  }

  /** Parses {@code [HOST:]PORT} for picocli. */
  static final class AddressConverter implements CommandLine.ITypeConverter<WebAddress> {
    @Override
    public WebAddress convert(String value) {
      try {
        return WebAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
