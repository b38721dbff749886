package dev.logmon.parse.format;

import dev.logmon.parse.ByteTimestamp;

/**
 * Text readers for the timestamps access logs carry: CLF ({@code 10/Oct/2000:13:55:36 -0700}),
 * ISO-8601 / RFC 3339 and epoch numbers; the oracle {@link TextFormat}'s, written apart from the
 * byte readers of {@link ByteFields} that the product uses. Each returns false on anything it does
 * not accept and never throws.
 */
final class Times {
  static final String MONTHS = ByteTimestamp.MONTHS;

  /** Length of {@code dd/Mon/yyyy:HH:mm:ss +hhmm}. */
  static final int CLF_LENGTH = 26;

  private static final int MAX_OFFSET = 18 * 3600;

  private Times() {}

  /** Reads {@code dd/Mon/yyyy:HH:mm:ss +hhmm} filling exactly {@code s[from, to)}. */
  static boolean clf(String s, int from, int to, RecordBuilder b) {
    if (to - from != CLF_LENGTH
        || s.charAt(from + 2) != '/'
        || s.charAt(from + 6) != '/'
        || s.charAt(from + 11) != ':'
        || s.charAt(from + 20) != ' ') {
      return false;
    }
    int month = month(s, from + 3);
    return local(b, digits(s, from + 7, 4), month, digits(s, from + 0, 2), clock(s, from + 12))
        && offset(b, s, from + 21, false);
  }

  /**
   * Reads {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|+hhmm)}; a space may stand for the T, and
   * a time without a zone is taken as UTC.
   */
  static boolean iso(String s, int from, int to, RecordBuilder b) {
    if (to - from < 19
        || s.charAt(from + 4) != '-'
        || s.charAt(from + 7) != '-'
        || (s.charAt(from + 10) != 'T' && s.charAt(from + 10) != ' ')) {
      return false;
    }
    int p = from + 19;
    if (p < to && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
      p++;
      while (p < to && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
        p++;
      }
    }
    boolean ok =
        local(
            b,
            digits(s, from, 4),
            digits(s, from + 5, 2),
            digits(s, from + 8, 2),
            clock(s, from + 11));
    if (!ok) {
      return false;
    }
    if (p == to) {
      b.offsetSeconds = 0;
      return true;
    }
    if (s.charAt(p) == 'Z' || s.charAt(p) == 'z') {
      b.offsetSeconds = 0;
      return p + 1 == to;
    }
    boolean colon = to - p == 6;
    if (to - p != 5 && !colon) {
      return false;
    }
    return offset(b, s, p, colon);
  }

  /**
   * Reads an epoch number counted in {@code 1/unitsPerSecond} seconds (1 for seconds, 1000 for
   * milliseconds...), with an optional fraction, which is dropped.
   */
  static boolean epoch(String s, int from, int to, long unitsPerSecond, RecordBuilder b) {
    int dot = from;
    while (dot < to && s.charAt(dot) != '.') {
      dot++;
    }
    if (dot == from || !allDigits(s, from, dot) || (dot < to && !allDigits(s, dot + 1, to))) {
      return false;
    }
    // Only the digits above the unit count whole seconds; reading just those keeps nanoseconds
    // since 1970 (19 digits from 2001 on) within a long.
    int secondsEnd = dot - (Long.toString(unitsPerSecond).length() - 1);
    long seconds = secondsEnd <= from ? 0 : ByteFields.digits(s, from, secondsEnd);
    if (seconds < 0) {
      return false;
    }
    b.epochSecond = seconds;
    b.offsetSeconds = 0;
    b.hasTime = true;
    return true;
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Stores a local date-time, checked field by field; the offset is set by the caller. */
  static boolean local(RecordBuilder b, int year, int month, int day, int secondOfDay) {
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > ByteTimestamp.daysInMonth(year, month)) {
      return false;
    }
    if (secondOfDay < 0) {
      return false;
    }
    b.epochSecond = ByteTimestamp.daysFromCivil(year, month, day) * 86_400L + secondOfDay;
    b.hasTime = true;
    return true;
  }

  /** Reads {@code HH:mm:ss} at {@code at} as seconds of the day, or -1. */
  static int clock(String s, int at) {
    if (s.charAt(at + 2) != ':' || s.charAt(at + 5) != ':') {
      return -1;
    }
    int h = digits(s, at, 2);
    int m = digits(s, at + 3, 2);
    int sec = digits(s, at + 6, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) {
      return -1;
    }
    return h * 3600 + m * 60 + Math.min(sec, 59);
  }

  /** Reads {@code +hhmm} or {@code +hh:mm} at {@code at}, turning the local time into UTC. */
  static boolean offset(RecordBuilder b, String s, int at, boolean colon) {
    char sign = s.charAt(at);
    int h = digits(s, at + 1, 2);
    int m = digits(s, at + (colon ? 4 : 3), 2);
    if ((sign != '+' && sign != '-') || h < 0 || m < 0 || m > 59) {
      return false;
    }
    if (colon && s.charAt(at + 3) != ':') {
      return false;
    }
    int seconds = h * 3600 + m * 60;
    if (seconds > MAX_OFFSET) {
      return false;
    }
    b.offsetSeconds = sign == '-' ? -seconds : seconds;
    b.epochSecond -= b.offsetSeconds;
    return true;
  }

  /** 1..12 for the English month abbreviation at {@code at}, or -1. */
  static int month(String s, int at) {
    for (int m = 0; m < 12; m++) {
      if (s.regionMatches(at, MONTHS, m * 3, 3)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** The value of {@code count} ASCII digits at {@code at}, or -1. */
  static int digits(String s, int at, int count) {
    if (at < 0 || at + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
