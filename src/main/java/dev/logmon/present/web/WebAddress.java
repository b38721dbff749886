package dev.logmon.present.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the web server listens, parsed from {@code [HOST:]PORT}; the host defaults to loopback so
 * that nothing is exposed unless asked for.
 *
 * @param host a name or address; IPv6 addresses are written in brackets, {@code [::1]:8080}
 * @param port 0 to 65535; 0 picks a free port
 */
public record WebAddress(String host, int port) {
  /** The host used when only a port is given. */
  public static final String LOOPBACK = "127.0.0.1";

  public WebAddress {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("missing host");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
  }

  /** Parses {@code PORT}, {@code HOST:PORT} or {@code [IPV6]:PORT}; throws with a reason. */
  public static WebAddress parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? LOOPBACK : s.substring(0, colon);
    String port = s.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "expected [HOST:]PORT (an IPv6 host in brackets), got '" + text + "'");
    }
    if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
      throw new IllegalArgumentException("expected [HOST:]PORT, got '" + text + "'");
    }
    return new WebAddress(host, Integer.parseInt(port));
  }

  /** The socket address, resolving the host name. */
  public InetSocketAddress resolve() throws UnknownHostException {
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /** Whether the host is a loopback address, reachable only from this machine. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
