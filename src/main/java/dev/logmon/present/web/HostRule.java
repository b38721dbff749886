package dev.logmon.present.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which {@code Host} header values the web server answers, so that a web page elsewhere cannot read
 * the dashboard through DNS rebinding (a name of the attacker's that first resolves to their
 * server, then to this machine): only names that no one else can make point here are accepted.
 *
 * <p>The header is parsed as {@code host [":" port]} (RFC 9110): the name is compared without case
 * and without one trailing dot, an IPv6 address is in brackets, the port must be digits up to 65535
 * but may be any port (an SSH tunnel or {@code kubectl port-forward} connects through another one).
 * Accepted: {@code localhost} and names under {@code .localhost} (RFC 6761: they never leave the
 * machine), loopback addresses ({@code 127.0.0.0/8} in dotted-quad form, {@code [::1]}), the
 * address the server is bound to (for a wildcard bind, any address of this machine's interfaces),
 * the host named in {@code --web}, and the names given with {@code --web-host}. Anything else,
 * {@code 127.0.0.1.evil.example} included, is refused. Immutable and thread-safe.
 */
final class HostRule {
  /** What a Host header is found to be. */
  enum Verdict {
    ALLOWED,
    MISSING,
    MALFORMED,
    UNKNOWN
  }

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

  private final InetAddress bound;
  private final Set<String> names = new TreeSet<>();
  private final Set<InetAddress> addresses = new HashSet<>();

  /**
   * @param bound the address the server listens on
   * @param extra further names or addresses to accept (the host given in {@code --web}, {@code
   *     --web-host}s); each must pass {@link #normalName}
   */
  HostRule(InetAddress bound, Collection<String> extra) {
    this.bound = bound;
    for (String e : extra) {
      String n = normalName(e);
      InetAddress literal = literal(n);
      if (literal != null) {
        addresses.add(literal);
      } else {
        names.add(n);
      }
    }
  }

  /** The verdict on a request's Host header value, null when it has none. */
  Verdict check(String host) {
    if (host == null) {
      return Verdict.MISSING;
    }
    String name = hostPart(host);
    if (name == null) {
      return Verdict.MALFORMED;
    }
    if (name.startsWith("[") || DOTTED_QUAD.matcher(name).matches()) {
      InetAddress a = literal(name);
      if (a == null) {
        return Verdict.MALFORMED;
      }
      return thisMachine(a) || addresses.contains(a) ? Verdict.ALLOWED : Verdict.UNKNOWN;
    }
    if (name.equals("localhost") || name.endsWith(".localhost") || names.contains(name)) {
      return Verdict.ALLOWED;
    }
    return Verdict.UNKNOWN;
  }

  /**
   * A name as compared: lower case, without one trailing dot, an IPv6 address in brackets; throws
   * when it is not a host name or address (for {@code --web-host}).
   */
  static String normalName(String given) {
    String n = given == null ? null : hostPart(given);
    boolean port = given != null && given.indexOf(':', given.lastIndexOf(']') + 1) >= 0;
    boolean badLiteral =
        n != null && (n.startsWith("[") || DOTTED_QUAD.matcher(n).matches()) && literal(n) == null;
    if (n == null || port || badLiteral) {
      throw new IllegalArgumentException(
          "expected a host name or address without a port, got '" + given + "'");
    }
    return n;
  }

  /** A bracketed IPv6 or a dotted-quad IPv4 address, parsed without any lookup, or null. */
  private static InetAddress literal(String host) {
    if (host.startsWith("[")) {
      return ipv6(host.substring(1, host.length() - 1));
    }
    return DOTTED_QUAD.matcher(host).matches() ? ipv4(host) : null;
  }

  /** The host part of {@code host [":" port]}, normalised, or null when malformed. */
  private static String hostPart(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    String host;
    String rest;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = h.substring(0, close + 1);
      rest = h.substring(close + 1);
      if (!IPV6.matcher(host.substring(1, close)).matches()) {
        return null;
      }
    } else {
      int colon = h.indexOf(':');
      host = colon < 0 ? h : h.substring(0, colon);
      rest = colon < 0 ? "" : h.substring(colon);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (!NAME.matcher(host).matches()) {
        return null;
      }
    }
    if (!rest.isEmpty() && (rest.charAt(0) != ':' || !validPort(rest.substring(1)))) {
      return null;
    }
    return host;
  }

  private static boolean validPort(String p) {
    if (p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return p.isEmpty() || Integer.parseInt(p) <= 65_535;
  }

  /** An IPv6 literal (no zone), parsed without any name lookup, or null. */
  private static InetAddress ipv6(String literal) {
    if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
      return null;
    }
    try {
      // A literal containing ':' is parsed as an address by getByName, never looked up.
      return InetAddress.getByName("[" + literal + "]");
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress ipv4(String dottedQuad) {
    String[] parts = dottedQuad.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  private boolean thisMachine(InetAddress a) {
    if (a.isLoopbackAddress() || a.equals(bound)) {
      return true;
    }
    if (!bound.isAnyLocalAddress()) {
      return false;
    }
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
