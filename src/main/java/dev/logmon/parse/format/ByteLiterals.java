package dev.logmon.parse.format;

/** Searches for a format's literal texts in a line's bytes, for {@link ByteFormat}. Stateless. */
final class ByteLiterals {
  private ByteLiterals() {}

  /**
   * The start of the {@code skip + 1}-th occurrence of {@code lit} in {@code b[from, end)}, or -1.
   */
  static int find(byte[] b, byte[] lit, int from, int end, int skip) {
    int at = from;
    for (int n = 0; n <= skip; n++) {
      at = indexOf(b, lit, at, end);
      if (at < 0) {
        return -1;
      }
      if (n < skip) {
        at += lit.length;
      }
    }
    return at;
  }

  /** The first occurrence of {@code lit} wholly inside {@code b[from, end)}, or -1. */
  private static int indexOf(byte[] b, byte[] lit, int from, int end) {
    byte first = lit[0];
    if (lit.length == 1) {
      // Most literals between unquoted fields are one space: no inner comparison loop.
      for (int i = from; i < end; i++) {
        if (b[i] == first) {
          return i;
        }
      }
      return -1;
    }
    int last = end - lit.length;
    for (int i = from; i <= last; i++) {
      if (b[i] == first && startsWith(b, i, lit)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where a list such as {@code $upstream_response_time} ({@code 0.010, 0.002 : 0.001}) really
   * ends: occurrences of the literal inside the list's separators are skipped; {@code to} is the
   * untrimmed end of the line.
   */
  static int listEnd(byte[] b, int to, byte[] lit, int from, int at, int end) {
    while (at > from
        && (b[at - 1] == ','
            || b[at - 1] == ':'
            || (at + 1 < to && b[at] == ' ' && b[at + 1] == ':'))) {
      at = find(b, lit, at + 1, end, 0);
    }
    return at;
  }

  static boolean startsWith(byte[] b, int at, byte[] lit) {
    for (int j = 0; j < lit.length; j++) {
      if (b[at + j] != lit[j]) {
        return false;
      }
    }
    return true;
  }
}
