package dev.logmon.parse;

/**
 * {@link ClfTimestamp} over ASCII bytes: the same checks and results, without a String.
 *
 * <p>Stateless and thread-safe; the caller ensures {@code at + ClfTimestamp.LENGTH} is in bounds.
 */
final class ByteTimestamp {
  private static final byte[] MONTHS =
      "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private ByteTimestamp() {}

  /** As {@link ClfTimestamp#localEpochSecond}. */
  static long localEpochSecond(byte[] s, int at) {
    if (s[at] != '['
        || s[at + 3] != '/'
        || s[at + 7] != '/'
        || s[at + 12] != ':'
        || s[at + 15] != ':'
        || s[at + 18] != ':'
        || s[at + 21] != ' '
        || s[at + 27] != ']') {
      return ClfTimestamp.INVALID;
    }
    int day = digits(s, at + 1, 2);
    int month = month(s, at + 4);
    int year = digits(s, at + 8, 4);
    int hour = digits(s, at + 13, 2);
    int minute = digits(s, at + 16, 2);
    int second = digits(s, at + 19, 2);
    if (month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return ClfTimestamp.INVALID;
    }
    if (second < 0 || second > 59 || day < 1 || day > daysInMonth(year, month)) {
      return ClfTimestamp.INVALID;
    }
    return ClfTimestamp.daysFromCivil(year, month, day) * 86_400L
        + hour * 3600
        + minute * 60
        + second;
  }

  /** As {@link ClfTimestamp#offsetSeconds}. */
  static long offsetSeconds(byte[] s, int at) {
    byte sign = s[at + 22];
    int hours = digits(s, at + 23, 2);
    int minutes = digits(s, at + 25, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59) {
      return ClfTimestamp.INVALID;
    }
    int seconds = hours * 3600 + minutes * 60;
    if (seconds > MAX_OFFSET_SECONDS) {
      return ClfTimestamp.INVALID;
    }
    return sign == '-' ? -seconds : seconds;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  private static int month(byte[] s, int at) {
    for (int m = 0; m < 12; m++) {
      int k = m * 3;
      if (s[at] == MONTHS[k] && s[at + 1] == MONTHS[k + 1] && s[at + 2] == MONTHS[k + 2]) {
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
