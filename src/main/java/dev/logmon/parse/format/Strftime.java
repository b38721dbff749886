package dev.logmon.parse.format;

import dev.logmon.parse.ByteTimestamp;
import dev.logmon.parse.ParsedLines;

/**
 * A strftime pattern from Apache's {@code %{...}t}, compiled once into fixed-width parts and read
 * without regex: {@code %Y %m %d %e %H %M %S %z %b %T %F %%} and literal characters.
 *
 * <p>A pattern without {@code %z} is read as UTC (Apache writes local time; give {@code %z} to be
 * exact). Immutable.
 */
final class Strftime {
  private final String parts; // one char per part: a conversion letter, or '\0' + literal in lits
  private final String literals;
  private final String pattern;

  private Strftime(String pattern, String parts, String literals) {
    this.pattern = pattern;
    this.parts = parts;
    this.literals = literals;
  }

  /**
   * Compiles a pattern; {@code column} is where it starts in the format string, for the error.
   *
   * @throws FormatException on a conversion it cannot read back
   */
  static Strftime compile(String pattern, String format, int column) {
    StringBuilder parts = new StringBuilder();
    StringBuilder lits = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%') {
        parts.append('\0');
        lits.append(c);
        continue;
      }
      char k = i + 1 < pattern.length() ? pattern.charAt(++i) : ' ';
      switch (k) {
        case 'Y', 'm', 'd', 'e', 'H', 'M', 'S', 'z', 'b' -> {
          parts.append(k);
          lits.append('\0');
        }
        case 'h' -> {
          parts.append('b');
          lits.append('\0');
        }
        case 'T' -> compile("%H:%M:%S", format, column).appendTo(parts, lits);
        case 'F' -> compile("%Y-%m-%d", format, column).appendTo(parts, lits);
        case '%' -> {
          parts.append('\0');
          lits.append('%');
        }
        default ->
            throw new FormatException(
                "unsupported time conversion %" + k + " in %{" + pattern + "}t", format, column);
      }
    }
    return new Strftime(pattern, parts.toString(), lits.toString());
  }

  private void appendTo(StringBuilder p, StringBuilder l) {
    p.append(parts);
    l.append(literals);
  }

  /** Reads {@code s[from, to)} into row {@code i}; false if it does not fit the pattern. */
  boolean read(byte[] s, int from, int to, ParsedLines out, int i) {
    int year = 1970;
    int month = 1;
    int day = 1;
    int secondOfDay = 0;
    int offset = 0;
    int p = from;
    for (int k = 0; k < parts.length(); k++) {
      char c = parts.charAt(k);
      int width = c == 'Y' ? 4 : c == 'z' ? 5 : c == 'b' ? 3 : c == '\0' ? 1 : 2;
      if (p + width > to) {
        return false;
      }
      switch (c) {
        case '\0' -> {
          if ((s[p] & 0xFF) != literals.charAt(k)) {
            return false;
          }
        }
        case 'Y' -> year = (int) ByteFields.digits(s, p, p + 4);
        case 'm' -> month = ByteTimestamp.two(s, p);
        case 'd' -> day = ByteTimestamp.two(s, p);
        case 'e' -> day = s[p] == ' ' ? ByteFields.one(s, p + 1) : ByteTimestamp.two(s, p);
        case 'b' -> month = ByteTimestamp.month(s, p);
        case 'H', 'M', 'S' -> {
          int v = ByteTimestamp.two(s, p);
          int max = c == 'H' ? 23 : c == 'M' ? 59 : 60;
          if (v < 0 || v > max) {
            return false;
          }
          // A leap second reads as :59, as ByteTimestamp.clock reads it.
          secondOfDay += c == 'H' ? v * 3600 : c == 'M' ? v * 60 : Math.min(v, 59);
        }
        default -> {
          offset = ByteTimestamp.offset(s, p, false);
          if (offset == ByteTimestamp.NO_OFFSET) {
            return false;
          }
        }
      }
      p += width;
    }
    return p == to
        && ByteFields.zoned(ByteTimestamp.local(year, month, day, secondOfDay), offset, out, i);
  }

  /** The time as this pattern writes it (for samples and tests). */
  String format(java.time.OffsetDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length(); i++) {
      char k = parts.charAt(i);
      switch (k) {
        case '\0' -> out.append(literals.charAt(i));
        case 'Y' -> out.append(String.format(java.util.Locale.ROOT, "%04d", t.getYear()));
        case 'm' -> two(out, t.getMonthValue());
        case 'd' -> two(out, t.getDayOfMonth());
        case 'e' -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
        case 'b' ->
            out.append(ByteTimestamp.MONTHS, (t.getMonthValue() - 1) * 3, t.getMonthValue() * 3);
        case 'H' -> two(out, t.getHour());
        case 'M' -> two(out, t.getMinute());
        case 'S' -> two(out, t.getSecond());
        default -> {
          int o = t.getOffset().getTotalSeconds();
          out.append(o < 0 ? '-' : '+');
          two(out, Math.abs(o) / 3600);
          two(out, Math.abs(o) / 60 % 60);
        }
      }
    }
    return out.toString();
  }

  private static void two(StringBuilder out, int v) {
    out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  @Override
  public String toString() {
    return pattern;
  }
}
