package dev.logmon.parse.format;

/** Readers for the unsigned numbers of log fields: sizes, statuses and durations. */
final class Numbers {
  private static final long[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private Numbers() {}

  /** The value of the ASCII digits {@code s[from, to)}, or -1 if empty, not digits or too large. */
  static long digits(String s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * The decimal number {@code s[from, to)} ({@code 12}, {@code 0.034}) times {@code 10^exp},
   * rounded down, for {@code exp} in -9..9; -1 if it is not such a number or too large.
   */
  static long scaled(String s, int from, int to, int exp) {
    int dot = from;
    while (dot < to && s.charAt(dot) != '.') {
      dot++;
    }
    long whole = digits(s, from, dot);
    if (whole < 0) {
      return -1;
    }
    long fraction = 0;
    int fractionDigits = 0;
    if (dot < to) {
      // Only the digits that survive the scaling matter; the rest must still be digits.
      for (int i = dot + 1; i < to; i++) {
        int d = s.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return -1;
        }
        if (fractionDigits < exp) {
          fraction = fraction * 10 + d;
          fractionDigits++;
        }
      }
      if (dot + 1 == to) {
        return -1;
      }
    }
    if (exp >= 0) {
      if (whole > Long.MAX_VALUE / POW10[exp] / 10) {
        return -1;
      }
      return whole * POW10[exp] + fraction * POW10[exp - fractionDigits];
    }
    return whole / POW10[-exp];
  }
}
