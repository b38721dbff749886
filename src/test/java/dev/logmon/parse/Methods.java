package dev.logmon.parse;

/** Shared strings for the common HTTP methods, so most records need no method substring. */
final class Methods {
  private static final String[] COMMON = {
    "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "PRI", "TRACE"
  };

  private Methods() {}

  /** The method in {@code line[from, to)}: a shared constant if common, else a substring. */
  static String name(String line, int from, int to) {
    int length = to - from;
    for (String m : COMMON) {
      if (m.length() == length && line.startsWith(m, from)) {
        return m;
      }
    }
    return line.substring(from, to);
  }
}
