package dev.logmon.present.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Who may read the dashboard: with a token, requests carrying it as {@code Authorization: Bearer},
 * as {@code ?token=} (for the page and its EventSource, which cannot set headers) or as the cookie
 * set when the page was opened with {@code ?token=}; without one, anyone who can connect.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * says nothing about the token, not even its length. On a loopback address the {@code Host} header
 * must name this machine, so a web page elsewhere cannot read the dashboard through DNS rebinding.
 */
final class WebAuth {
  static final String COOKIE = "logmon_token";
  private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

  private final byte[] tokenDigest;
  private final boolean loopback;

  WebAuth(String token, boolean loopback) {
    this.tokenDigest = token == null ? null : digest(token);
    this.loopback = loopback;
  }

  boolean required() {
    return tokenDigest != null;
  }

  /** Whether the request may be answered. */
  boolean allows(HttpExchange ex) {
    if (loopback && !localHost(ex.getRequestHeaders().getFirst("Host"))) {
      return false;
    }
    if (tokenDigest == null) {
      return true;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return matches(auth.substring(7).trim());
    }
    String query = queryToken(ex);
    if (query != null) {
      return matches(query);
    }
    String cookie = cookieToken(ex);
    return cookie != null && matches(cookie);
  }

  /** The token given as {@code ?token=}, or null. */
  static String queryToken(HttpExchange ex) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      if (pair.startsWith("token=")) {
        return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String cookieToken(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String c : header.split(";")) {
        String t = c.trim();
        if (t.startsWith(COOKIE + "=")) {
          return URLDecoder.decode(t.substring(COOKIE.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(digest(given), tokenDigest);
  }

  private static boolean localHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > h.lastIndexOf(']')) {
      h = h.substring(0, colon);
    }
    return LOCAL_HOSTS.contains(h) || h.startsWith("127.");
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
