package dev.logmon.aggregate;

/**
 * The host of a Referer header as logged, read from bytes: {@code https://www.example.com:8443/a?b}
 * refers from {@code www.example.com}. The referring sites breakdown counts by it.
 */
final class ReferrerHosts {
  private ReferrerHosts() {}

  /**
   * The host of the referrer {@code b[from, to)} as {@code (start << 32) | end}, or -1 when it
   * names none ({@code -}, empty, or not {@code scheme://host...}).
   */
  static long of(byte[] b, int from, int to) {
    int i = from;
    while (i < to && isSchemeChar(b[i], i == from)) {
      i++;
    }
    if (i == from || i + 3 > to || b[i] != ':' || b[i + 1] != '/' || b[i + 2] != '/') {
      return -1;
    }
    int start = i + 3;
    int at = start;
    int end = start;
    while (end < to) {
      byte c = b[end];
      if (c == '/' || c == '?' || c == '#' || c == '\\' || c == '"') {
        break;
      }
      if (c == '@') {
        at = end + 1; // user info is not part of the host
      }
      end++;
    }
    int colon = end;
    for (int k = at; k < end; k++) {
      if (b[k] == ':' && b[at] != '[') {
        colon = k;
        break;
      }
    }
    return colon > at ? ((long) at << 32) | colon : -1;
  }

  /** As {@link #of(byte[], int, int)} for text (a hit held as a record); null when none. */
  static String of(String referrer) {
    if (referrer == null) {
      return null;
    }
    byte[] b = referrer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long r = of(b, 0, b.length);
    return r < 0
        ? null
        : new String(
            b,
            (int) (r >>> 32),
            (int) r - (int) (r >>> 32),
            java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean isSchemeChar(byte c, boolean first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
    return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
  }
}
