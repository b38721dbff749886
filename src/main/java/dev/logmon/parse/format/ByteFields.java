package dev.logmon.parse.format;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.ByteTimestamp;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.TimeSink;

/**
 * The readers of a format string's number and time fields over a line's bytes, for {@link
 * ByteFormat}: times are written into a row of {@link ParsedLines}; each returns false (or a
 * negative value) on a value that is not valid. The text formats (JSON, W3C) read their values here
 * too, as {@link ByteScan#latin1} bytes, into their record's time. Stateless.
 */
final class ByteFields {
  /** Length of {@code dd/Mon/yyyy:HH:mm:ss +hhmm}. */
  static final int CLF_LENGTH = 26;

  /** Results of {@link #durationList} besides a sum: no attempt, a bad number, an overflow. */
  static final long NONE = -1;

  static final long BAD_LIST = -2;
  static final long OVERFLOW = -3;

  private static final long[] POW10 = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private ByteFields() {}

  /** The value of the ASCII digits {@code s[from, to)}, or -1 if empty, not digits or too large. */
  static long digits(byte[] s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s[i] - '0';
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
  static long scaled(byte[] s, int from, int to, int exp) {
    int dot = from;
    while (dot < to && s[dot] != '.') {
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
        int d = s[i] - '0';
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

  /** As {@link #digits(byte[], int, int)} for text (no character past Latin-1 is a digit). */
  static long digits(String s, int from, int to) {
    return digits(ByteScan.latin1(s, from, to), 0, to - from);
  }

  /** As {@link #scaled(byte[], int, int, int)} for text. */
  static long scaled(String s, int from, int to, int exp) {
    return scaled(ByteScan.latin1(s, from, to), 0, to - from, exp);
  }

  /** Reads {@code dd/Mon/yyyy:HH:mm:ss +hhmm} filling exactly {@code s[from, to)}. */
  static boolean clf(byte[] s, int from, int to, TimeSink out, int i) {
    if (to - from != CLF_LENGTH || s[from + 20] != ' ') {
      return false;
    }
    return zoned(ByteTimestamp.clf(s, from), ByteTimestamp.offset(s, from + 21, false), out, i);
  }

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|+hhmm)}; a space may stand for the T, and
   * a time without a zone is taken as UTC.
   */
  static boolean iso(byte[] s, int from, int to, TimeSink out, int i) {
    if (to - from < 19
        || s[from + 4] != '-'
        || s[from + 7] != '-'
        || (s[from + 10] != 'T' && s[from + 10] != ' ')) {
      return false;
    }
    int p = from + 19;
    if (p < to && (s[p] == '.' || s[p] == ',')) {
      p++;
      while (p < to && s[p] >= '0' && s[p] <= '9') {
        p++;
      }
    }
    long local =
        ByteTimestamp.local(
            digits(s, from, from + 4),
            ByteTimestamp.two(s, from + 5),
            ByteTimestamp.two(s, from + 8),
            ByteTimestamp.clock(s, from + 11));
    if (local == ByteTimestamp.INVALID) {
      return false;
    }
    if (p == to) {
      return zoned(local, 0, out, i);
    }
    if (s[p] == 'Z' || s[p] == 'z') {
      return p + 1 == to && zoned(local, 0, out, i);
    }
    boolean colon = to - p == 6;
    if (to - p != 5 && !colon) {
      return false;
    }
    return zoned(local, ByteTimestamp.offset(s, p, colon), out, i);
  }

  /** Reads an epoch number counted in {@code 1/unitsPerSecond} seconds; a fraction is dropped. */
  static boolean epoch(byte[] s, int from, int to, long unitsPerSecond, TimeSink out, int i) {
    int dot = from;
    while (dot < to && s[dot] != '.') {
      dot++;
    }
    long whole = digits(s, from, dot);
    if (whole < 0 || (dot < to && digits(s, dot + 1, to) < 0 && dot + 1 != to)) {
      return false;
    }
    out.time(i, whole / unitsPerSecond, 0);
    return true;
  }

  /** Writes the UTC time of a valid local time and offset; false if either is invalid. */
  static boolean zoned(long local, int offset, TimeSink out, int i) {
    if (local == ByteTimestamp.INVALID || offset == ByteTimestamp.NO_OFFSET) {
      return false;
    }
    out.time(i, local - offset, offset);
    return true;
  }

  /** The value of the single ASCII digit at {@code at}, or -1. */
  static int one(byte[] s, int at) {
    int a = s[at] - '0';
    return a < 0 || a > 9 ? -1 : a;
  }

  /**
   * nginx's {@code $upstream_response_time}: the attempts of {@code 0.010, 0.002 : 0.001} added up
   * in microseconds; {@link #NONE} when all are "-", {@link #BAD_LIST} when one is not a number,
   * {@link #OVERFLOW} when the sum does not fit.
   */
  static long durationList(byte[] b, int from, int to) {
    long sum = 0;
    boolean any = false;
    int i = from;
    while (i < to) {
      int j = i;
      while (j < to && b[j] != ',' && b[j] != ':' && b[j] != ' ') {
        j++;
      }
      if (j > i && !isDash(b, i, j)) {
        long v = scaled(b, i, j, 6);
        if (v < 0) {
          return BAD_LIST;
        }
        sum += v;
        any = true;
      }
      i = j + 1;
    }
    return !any ? NONE : sum < 0 ? OVERFLOW : sum;
  }

  /** How many decimal places a duration of this kind moves to be in microseconds. */
  static int exponent(FieldKind kind) {
    return switch (kind) {
      case DURATION_MS -> 3;
      case DURATION_S -> 6;
      case DURATION_NS -> -3;
      default -> 0;
    };
  }

  /** Whether {@code b[from, to)} is {@code -}, a value the server did not have. */
  static boolean isDash(byte[] b, int from, int to) {
    return to == from + 1 && b[from] == '-';
  }
}
