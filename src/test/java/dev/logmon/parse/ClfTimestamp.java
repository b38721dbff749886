package dev.logmon.parse;

/**
 * A hand-written reader for the {@code %t} timestamp {@code [10/Oct/2000:13:55:36 -0700]}.
 *
 * <p>It exists because {@code DateTimeFormatter} allocates and is several times slower, and this
 * runs once per log line. Month names are the case-sensitive English abbreviations strftime's C
 * locale writes; days are checked against the month's length, including leap years. Offsets are
 * limited to +-18:00, as {@link java.time.ZoneOffset} is, so callers can always build one.
 */
final class ClfTimestamp {
  /** Length of {@code [dd/Mon/yyyy:HH:mm:ss +hhmm]}, brackets included. */
  static final int LENGTH = 28;

  /** Returned by the readers when the text is not a valid timestamp or offset. */
  static final long INVALID = Long.MIN_VALUE;

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private ClfTimestamp() {}

  /**
   * Reads the local date-time of the timestamp whose '[' is at {@code at} as seconds since
   * 1970-01-01T00:00 as if it were UTC, or {@link #INVALID}; the caller ensures {@code at + LENGTH
   * <= s.length()}.
   */
  static long localEpochSecond(String s, int at) {
    if (s.charAt(at) != '['
        || s.charAt(at + 3) != '/'
        || s.charAt(at + 7) != '/'
        || s.charAt(at + 12) != ':'
        || s.charAt(at + 15) != ':'
        || s.charAt(at + 18) != ':'
        || s.charAt(at + 21) != ' '
        || s.charAt(at + 27) != ']') {
      return INVALID;
    }
    int day = digits(s, at + 1, 2);
    int month = month(s, at + 4);
    int year = digits(s, at + 8, 4);
    int hour = digits(s, at + 13, 2);
    int minute = digits(s, at + 16, 2);
    int second = digits(s, at + 19, 2);
    // digits() returns -1 on a non-digit, so one range check per field covers both cases.
    if (month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return INVALID;
    }
    if (second < 0 || second > 60 || day < 1 || day > daysInMonth(year, month)) {
      return INVALID;
    }
    // A leap second (:60) reads as :59.
    return daysFromCivil(year, month, day) * 86_400L
        + hour * 3600L
        + minute * 60L
        + Math.min(second, 59);
  }

  /** Reads the {@code +hhmm} offset of the timestamp at {@code at} in seconds, or INVALID. */
  static long offsetSeconds(String s, int at) {
    char sign = s.charAt(at + 22);
    int hours = digits(s, at + 23, 2);
    int minutes = digits(s, at + 25, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
      return INVALID;
    }
    int seconds = hours * 3600 + minutes * 60;
    if (seconds > MAX_OFFSET_SECONDS) {
      return INVALID;
    }
    return sign == '-' ? -seconds : seconds;
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), a few
   * integer operations with no tables or loops.
   */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** 1..12 for the abbreviation at {@code at}, or -1. */
  private static int month(String s, int at) {
    for (int m = 0; m < 12; m++) {
      if (s.regionMatches(at, MONTHS, m * 3, 3)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** The value of {@code count} ASCII digits at {@code at}, or -1 if any is not a digit. */
  private static int digits(String s, int at, int count) {
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
