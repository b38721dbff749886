package dev.logmon.parse;

/**
 * The section of a request target read from text, for the test oracles ({@code ClfParser}, {@code
 * TextFormat}): written apart from {@link ByteSections}, which the product reads every section with
 * (through {@link Sections} for text formats).
 */
public final class TextSections {
  private static final String ROOT = "/";
  private static final String ASTERISK = Sections.ASTERISK;
  private static final String CONNECT = Sections.CONNECT;
  private static final String INVALID = Sections.INVALID;
  private static final String NO_REQUEST = Sections.NO_REQUEST;
  private static final String EMPTY_REQUEST = Sections.EMPTY_REQUEST;

  // Results of absoluteUriPath besides a path index.
  private static final int NOT_ABSOLUTE = -1;
  private static final int NO_PATH = -2;

  private TextSections() {}

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
