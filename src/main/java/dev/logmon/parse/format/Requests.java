package dev.logmon.parse.format;

/**
 * The shape check of a request line, {@code METHOD SP target SP HTTP/...}, as ClfParser does it.
 */
final class Requests {
  private Requests() {}

  /** The index of the space after the target, or -1 if the request line has any other shape. */
  static int targetEnd(String s) {
    int to = s.length();
    int methodEnd = 0;
    while (methodEnd < to && isMethodChar(s.charAt(methodEnd))) {
      methodEnd++;
    }
    if (methodEnd == 0 || methodEnd >= to || s.charAt(methodEnd) != ' ') {
      return -1;
    }
    int targetEnd = methodEnd + 1;
    while (targetEnd < to && s.charAt(targetEnd) != ' ') {
      targetEnd++;
    }
    int protocol = targetEnd + 1;
    if (targetEnd == methodEnd + 1 || protocol + 5 >= to || !s.startsWith("HTTP/", protocol)) {
      return -1;
    }
    return s.indexOf(' ', protocol) < 0 ? targetEnd : -1;
  }

  private static boolean isMethodChar(char c) {
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  }
}
