package dev.logmon.parse;

/**
 * The section of a request target: its path up to the second {@code /}, or a placeholder.
 *
 * <p>{@code /pages/create} is in section {@code /pages}; query and fragment are ignored, an
 * absolute URI ({@code http://host/pages/x}) counts by its path. Targets that have no path get a
 * parenthesised placeholder, which can never collide with a real section because real sections
 * start with {@code /}. Pure index scanning, no regex: this runs once per log line.
 */
public final class Sections {
  /** Section of the asterisk-form target of {@code OPTIONS *} (and {@code PRI *}). */
  public static final String ASTERISK = "*";

  /** Section of an authority-form target, as sent with {@code CONNECT host:443}. */
  public static final String CONNECT = "(connect)";

  /** Section of a target that is neither a path, an absolute URI, {@code *} nor an authority. */
  public static final String INVALID = "(invalid)";

  /** Section of a hit whose request line was logged as {@code "-"} (nothing was received). */
  public static final String NO_REQUEST = "(none)";

  /** Section of a hit whose request line was logged as {@code ""} (an empty line was received). */
  public static final String EMPTY_REQUEST = "(empty)";

  private static final String ROOT = "/";

  // Results of absoluteUriPath besides a path index.
  private static final int NOT_ABSOLUTE = -1;
  private static final int NO_PATH = -2;

  private Sections() {}

  /** Returns the section of a request target; never throws, {@link #INVALID} for null. */
  public static String of(String target) {
    return of(target, 1);
  }

  /**
   * The section of a request target made of its first {@code depth} path segments ({@code
   * --section-depth}); an empty segment ends it. Never throws.
   */
  public static String of(String target, int depth) {
    if (target == null || target.isEmpty()) {
      return INVALID;
    }
    char first = target.charAt(0);
    if (first == '/') {
      return ofPath(target, 0, depth);
    }
    if (first == '*' && target.length() == 1) {
      return ASTERISK;
    }
    int pathStart = absoluteUriPath(target);
    if (pathStart >= 0) {
      return ofPath(target, pathStart, depth);
    }
    if (pathStart == NO_PATH) {
      return ROOT;
    }
    return isAuthority(target) ? CONNECT : INVALID;
  }

  /**
   * Returns the placeholder section of a request line that is not {@code METHOD TARGET PROTOCOL}:
   * {@link #NO_REQUEST} for {@code -}, {@link #EMPTY_REQUEST} for the empty string and {@link
   * #INVALID} otherwise (including null).
   */
  public static String ofMalformedRequest(String requestLine) {
    if (requestLine == null) {
      return INVALID;
    }
    return ofMalformedRequest(requestLine, 0, requestLine.length());
  }

  /** As {@link #ofMalformedRequest(String)} for {@code line[from, to)}, without a substring. */
  static String ofMalformedRequest(String line, int from, int to) {
    if (to == from) {
      return EMPTY_REQUEST;
    }
    if (to == from + 1 && line.charAt(from) == '-') {
      return NO_REQUEST;
    }
    return INVALID;
  }

  /** The section of the path starting with '/' at {@code start}. */
  private static String ofPath(String s, int start, int depth) {
    int n = s.length();
    int end = start;
    int slash = start;
    for (int segments = 0; segments < depth; segments++) {
      int i = slash + 1;
      while (i < n && !isPathEnd(s.charAt(i))) {
        i++;
      }
      if (i == slash + 1) {
        break; // an empty segment ends the section
      }
      end = i;
      if (i == n || s.charAt(i) != '/') {
        break;
      }
      slash = i;
    }
    return end == start ? ROOT : s.substring(start, end);
  }

  private static boolean isPathEnd(char c) {
    return c == '/' || c == '?' || c == '#';
  }

  /**
   * For {@code scheme://authority[path]}, the index of the path's '/' or {@link #NO_PATH}; {@link
   * #NOT_ABSOLUTE} if the target is not an absolute URI with an authority.
   */
  private static int absoluteUriPath(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isSchemeChar(s.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0 || !s.startsWith("://", i)) {
      return NOT_ABSOLUTE;
    }
    for (int j = i + 3; j < n; j++) {
      char c = s.charAt(j);
      if (c == '/') {
        return j;
      }
      if (c == '?' || c == '#') {
        return NO_PATH;
      }
    }
    return NO_PATH;
  }

  private static boolean isSchemeChar(char c, boolean first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
    return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
  }

  /** Whether the target is {@code host:port}, the shape CONNECT sends (RFC 9112 3.2.3). */
  private static boolean isAuthority(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return false;
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '@' || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
