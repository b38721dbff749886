package dev.logmon.parse.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;

/** Conversions of JSON values (numbers, time strings) into record fields for {@link JsonFormat}. */
final class JsonValues {
  private JsonValues() {}

  /** A time: ISO-8601 or CLF text, or an epoch number whose magnitude tells its unit. */
  static boolean time(JsonToken t, String text, RecordBuilder b) {
    if (t == JsonToken.VALUE_STRING) {
      if (text.length() == Times.CLF_LENGTH && Times.clf(text, 0, text.length(), b)) {
        return true;
      }
      if (text.length() >= 19 && text.charAt(4) == '-') {
        return Times.iso(text, 0, text.length(), b);
      }
    }
    int dot = text.indexOf('.');
    int digits = dot < 0 ? text.length() : dot;
    // 10 digits are seconds until 2286; 13 milliseconds, 16 microseconds, 19 nanoseconds.
    long unit = digits <= 11 ? 1 : digits <= 14 ? 1_000 : digits <= 17 ? 1_000_000 : 1_000_000_000;
    return Times.epoch(text, 0, text.length(), unit, b);
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
