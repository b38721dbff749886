package dev.logmon.parse;

/**
 * A hand-written reader for the {@code %t} timestamp {@code [10/Oct/2000:13:55:36 -0700]} in a
 * line's bytes.
 *
 * <p>It exists because {@code DateTimeFormatter} allocates and is several times slower, and this
 * runs once per log line. Month names are the case-sensitive English abbreviations strftime's C
 * locale writes; days are checked against the month's length, including leap years. Offsets are
 * limited to +-18:00, as {@link java.time.ZoneOffset} is, so callers can always build one. The
 * calendar helpers serve the format readers too. Stateless and thread-safe; the caller ensures
 * {@code at + LENGTH} is in bounds.
 */
public final class ByteTimestamp {
  /** Length of {@code [dd/Mon/yyyy:HH:mm:ss +hhmm]}, brackets included. */
  static final int LENGTH = 28;

  /** Returned by {@link #localEpochSecond} when the text is not a valid timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  /** Returned by {@link #offset} when the text is not a valid zone offset. */
  public static final int NO_OFFSET = Integer.MIN_VALUE;

  /** The English month abbreviations, January first, as strftime's C locale writes them. */
  public static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private static final byte[] MONTH_BYTES =
      MONTHS.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private ByteTimestamp() {}

  /**
   * The local date-time of the timestamp whose '[' is at {@code at}, as seconds since
   * 1970-01-01T00:00 as if it were UTC, or {@link #INVALID}.
   */
  static long localEpochSecond(byte[] s, int at) {
    if (s[at] != '[' || s[at + 21] != ' ' || s[at + 27] != ']') {
      return INVALID;
    }
    return clf(s, at + 1);
  }

  /**
   * The local date-time {@code dd/Mon/yyyy:HH:mm:ss} at {@code at} (the CLF time without its
   * brackets and offset) as {@link #localEpochSecond} gives it: the one reader of that text, for
   * the CLF parser and the format readers alike.
   */
  public static long clf(byte[] s, int at) {
    if (s[at + 2] != '/' || s[at + 6] != '/' || s[at + 11] != ':') {
      return INVALID;
    }
    return local(digits(s, at + 7, 4), month(s, at + 3), two(s, at), clock(s, at + 12));
  }

  /** The local date-time as epoch seconds, checked field by field, or {@link #INVALID}. */
  public static long local(long year, int month, int day, int secondOfDay) {
    if (year < 0 || month < 1 || month > 12 || day < 1 || secondOfDay < 0) {
      return INVALID;
    }
    if (day > daysInMonth((int) year, month)) {
      return INVALID;
    }
    return daysFromCivil((int) year, month, day) * 86_400L + secondOfDay;
  }

  /**
   * {@code HH:mm:ss} at {@code at} as seconds of the day, or -1. A leap second ({@code :60}, which
   * strftime's {@code %S} may write) reads as {@code :59}, so its line is counted, in its minute.
   */
  public static int clock(byte[] s, int at) {
    if (s[at + 2] != ':' || s[at + 5] != ':') {
      return -1;
    }
    int h = two(s, at);
    int m = two(s, at + 3);
    int sec = two(s, at + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) {
      return -1;
    }
    return h * 3600 + m * 60 + Math.min(sec, 59);
  }

  /** The value of the two ASCII digits at {@code at}, or -1. */
  public static int two(byte[] s, int at) {
    int a = s[at] - '0';
    int b = s[at + 1] - '0';
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  }

  /**
   * The zone offset {@code +hhmm} (or, with {@code colon}, {@code +hh:mm}) at {@code at} in
   * seconds, or {@link #NO_OFFSET}.
   */
  public static int offset(byte[] s, int at, boolean colon) {
    byte sign = s[at];
    int hours = digits(s, at + 1, 2);
    int minutes = digits(s, at + (colon ? 4 : 3), 2);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
      return NO_OFFSET;
    }
    if (colon && s[at + 3] != ':') {
      return NO_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    if (seconds > MAX_OFFSET_SECONDS) {
      return NO_OFFSET;
    }
    return sign == '-' ? -seconds : seconds;
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), a few
   * integer operations with no tables or loops.
   */
  public static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  /** The days of {@code month} (1..12) of {@code year}, leap years included. */
  public static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** 1..12 for the English month abbreviation at {@code at}, or -1. */
  public static int month(byte[] s, int at) {
    for (int m = 0; m < 12; m++) {
      int k = m * 3;
      if (s[at] == MONTH_BYTES[k]
          && s[at + 1] == MONTH_BYTES[k + 1]
          && s[at + 2] == MONTH_BYTES[k + 2]) {
        return m + 1;
      }
    }
    return -1;
  }

  private static int digits(byte[] s, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
