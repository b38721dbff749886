package dev.logmon.present.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may read the dashboard: with a token, requests carrying it as {@code Authorization: Bearer},
 * as {@code ?token=} (for the page and its EventSource, which cannot set headers) or as the cookie
 * set when the page was opened with {@code ?token=}; without one, anyone who can connect (and names
 * an accepted Host: {@link HostRule}).
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * says nothing about the token, not even its length.
 */
final class WebAuth {
  static final String COOKIE = "logmon_token";

  private final byte[] tokenDigest;

  WebAuth(String token) {
    this.tokenDigest = token == null ? null : digest(token);
  }

  boolean required() {
    return tokenDigest != null;
  }

  /** Whether the request may be answered. */
  boolean allows(Request request) {
    if (tokenDigest == null) {
      return true;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return matches(auth.substring(7).trim());
    }
    String query = queryToken(request);
    if (query != null) {
      return matches(query);
    }
    String cookie = cookieToken(request);
    return cookie != null && matches(cookie);
  }

  /** The token given as {@code ?token=}, or null. */
  static String queryToken(Request request) {
    String q = request.getHttpURI().getQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      if (pair.startsWith("token=")) {
        return decode(pair.substring(6));
      }
    }
    return null;
  }

  private static String cookieToken(Request request) {
    for (String header : request.getHeaders().getValuesList(HttpHeader.COOKIE)) {
      for (String c : header.split(";")) {
        String t = c.trim();
        if (t.startsWith(COOKIE + "=")) {
          return decode(t.substring(COOKIE.length() + 1));
        }
      }
    }
    return null;
  }

  /** Percent-decoded; a malformed escape is compared as it is (and so does not match). */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(digest(given), tokenDigest);
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
