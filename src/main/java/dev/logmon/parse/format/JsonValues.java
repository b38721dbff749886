package dev.logmon.parse.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logmon.parse.ByteScan;
import java.io.IOException;
import java.math.BigDecimal;

/** Conversions of JSON values (numbers, time strings) into record fields for {@link JsonFormat}. */
final class JsonValues {
  private JsonValues() {}

  /** A time: ISO-8601 or CLF text, or an epoch number whose magnitude tells its unit. */
  static boolean time(JsonToken t, String text, RecordBuilder b) {
    int n = text.length();
    if (t == JsonToken.VALUE_STRING) {
      byte[] v = ByteScan.latin1(text, 0, n);
      if (n == ByteFields.CLF_LENGTH && ByteFields.clf(v, 0, n, b, 0)) {
        return true;
      }
      if (n >= 19 && text.charAt(4) == '-') {
        return ByteFields.iso(v, 0, n, b, 0);
      }
    }
    int dot = text.indexOf('.');
    int digits = dot < 0 ? n : dot;
    // 10 digits are seconds until 2286; 13 milliseconds, 16 microseconds, 19 nanoseconds.
    long unit = digits <= 11 ? 1 : digits <= 14 ? 1_000 : digits <= 17 ? 1_000_000 : 1_000_000_000;
    // Unlike ByteFields.epoch, read only the digits above the unit as whole seconds: nanoseconds
    // since 1970 (19 digits from 2001 on) then fit a long. A fraction is dropped.
    if (digits == 0 || !allDigits(text, 0, digits) || (dot >= 0 && !allDigits(text, dot + 1, n))) {
      return false;
    }
    int secondsEnd = digits - (Long.toString(unit).length() - 1);
    long seconds = secondsEnd <= 0 ? 0 : ByteFields.digits(text, 0, secondsEnd);
    if (seconds < 0) {
      return false;
    }
    b.time(0, seconds, 0);
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

  /** A number for a non-time field, scientific notation included. */
  static boolean number(JsonParser p, FieldKind kind, RecordBuilder b) throws IOException {
    BigDecimal v = p.getDecimalValue();
    if (v.signum() < 0) {
      return false;
    }
    int exp =
        switch (kind) {
          case DURATION_S, DURATION_S_LIST -> 6;
          case DURATION_MS -> 3;
          case DURATION_NS -> -3;
          default -> 0;
        };
    BigDecimal scaled = v.movePointRight(exp);
    if (scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
      return false;
    }
    long n = scaled.longValue();
    if (kind.isDuration()) {
      b.durationMicros = n;
      return true;
    }
    String s = Long.toString(n);
    return b.set(kind, s, 0, s.length());
  }
}
