package dev.logmon.parse;

/**
 * {@link Sections} over a line's bytes: the section of a target as a range of the buffer, or a
 * placeholder code, without a String. Agrees with {@link Sections#of(String)} on the decoded text:
 * every byte it tests for is ASCII, and bytes of multi-byte characters count as characters above
 * the space.
 */
final class ByteSections {
  private static final int ROOT = -1;
  private static final int ASTERISK = -2;
  private static final int CONNECT = -3;
  private static final int INVALID = -4;
  private static final int NO_REQUEST = -5;
  private static final int EMPTY_REQUEST = -6;

  private ByteSections() {}

  /**
   * The section of {@code depth} path segments of the target {@code b[from, to)}: {@code (start <<
   * 32) | end} of a range, or a negative placeholder code (see {@link ParsedLines#PLACEHOLDERS}) in
   * the high half.
   */
  static long of(byte[] b, int from, int to, int depth) {
    if (to == from) {
      return code(INVALID);
    }
    byte first = b[from];
    if (first == '/') {
      return ofPath(b, from, to, depth);
    }
    if (first == '*' && to == from + 1) {
      return code(ASTERISK);
    }
    int i = from;
    while (i < to && isSchemeChar(b[i], i == from)) {
      i++;
    }
    if (i > from && i + 3 <= to && b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/') {
      for (int j = i + 3; j < to; j++) {
        byte c = b[j];
        if (c == '/') {
          return ofPath(b, j, to, depth);
        }
        if (c == '?' || c == '#') {
          break;
        }
      }
      return code(ROOT);
    }
    return code(isAuthority(b, from, to) ? CONNECT : INVALID);
  }

  /** As {@link Sections#ofMalformedRequest(String)} for the request line {@code b[from, to)}. */
  static int ofMalformedRequest(byte[] b, int from, int to) {
    if (to == from) {
      return EMPTY_REQUEST;
    }
    if (to == from + 1 && b[from] == '-') {
      return NO_REQUEST;
    }
    return INVALID;
  }

  /** The first {@code depth} non-empty segments of the path at {@code b[start]} ('/'). */
  private static long ofPath(byte[] b, int start, int to, int depth) {
    int end = start;
    int slash = start;
    for (int segments = 0; segments < depth; segments++) {
      int i = slash + 1;
      while (i < to && b[i] != '/' && b[i] != '?' && b[i] != '#') {
        i++;
      }
      if (i == slash + 1) {
        break; // an empty segment ends the section
      }
      end = i;
      if (i == to || b[i] != '/') {
        break;
      }
      slash = i;
    }
    return end == start ? code(ROOT) : range(start, end);
  }

  private static long range(int start, int end) {
    return ((long) start << 32) | (end & 0xFFFFFFFFL);
  }

  private static long code(int placeholder) {
    return (long) placeholder << 32;
  }

  private static boolean isSchemeChar(byte c, boolean first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
    return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
  }

  private static boolean isAuthority(byte[] b, int from, int to) {
    int colon = -1;
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= from || colon == to - 1) {
      return false;
    }
    for (int i = colon + 1; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    for (int i = from; i < colon; i++) {
      byte c = b[i];
      if ((c >= 0 && c <= ' ')
          || c == '/'
          || c == '?'
          || c == '#'
          || c == '@'
          || c == '"'
          || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
