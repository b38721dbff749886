package dev.logmon.parse.format;

import dev.logmon.parse.RowParser;
import java.util.Locale;

/**
 * Compiles an Apache {@code LogFormat} string ({@code %h %l %u %t \"%r\" %>s %b %D}) into a {@link
 * ByteFormat}.
 *
 * <p>Directives take Apache's modifiers ({@code %>s}, {@code %<s}, {@code %!200,304{Referer}i}) and
 * arguments ({@code %{Referer}i}, {@code %{ms}T}, {@code %{%d/%b/%Y:%T %z}t}). Backslash escapes as
 * written in an Apache config ({@code \"}, {@code \t}) are undone. Directives logmon does not use
 * but can skip ({@code %l}, {@code %k}, {@code %{X}o} ...) are read as ignored fields.
 */
public final class ApacheFormat {
  private ApacheFormat() {}

  /**
   * Compiles {@code format}.
   *
   * @throws FormatException naming the offending directive and its column
   */
  public static RowParser compile(String format) {
    return tokens(format).compile();
  }

  /** The tokens of {@code format}, checked as {@link #compile} does. */
  static Tokens tokens(String format) {
    Tokens tokens = new Tokens(format);
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = format.charAt(++i);
        tokens.literal(e == 't' ? '\t' : e == 'n' ? '\n' : e);
        continue;
      }
      if (c != '%') {
        tokens.literal(c);
        continue;
      }
      int column = i + 1;
      int j = i + 1;
      while (j < n && "<>!0123456789,".indexOf(format.charAt(j)) >= 0) {
        j++;
      }
      String arg = null;
      if (j < n && format.charAt(j) == '{') {
        int close = format.indexOf('}', j);
        if (close < 0) {
          throw new FormatException("unclosed %{", format, column);
        }
        arg = format.substring(j + 1, close);
        j = close + 1;
      }
      if (j >= n) {
        throw new FormatException("incomplete directive " + format.substring(i), format, column);
      }
      char d = format.charAt(j);
      String name = format.substring(i, j + 1);
      if (d == '%' && j == i + 1) {
        tokens.literal('%');
      } else if (d == 't') {
        time(tokens, arg, name, format, column);
      } else {
        FieldKind kind = kind(d, arg);
        if (kind == null) {
          throw new FormatException("unknown directive " + name, format, column);
        }
        tokens.field(kind, null, name, column);
      }
      i = j;
    }
    tokens.fields();
    return tokens;
  }

  /** The field of directive {@code d} with argument {@code arg}, or null if unknown. */
  private static FieldKind kind(char d, String arg) {
    return switch (d) {
      case 'h', 'a' -> FieldKind.HOST;
      case 'u' -> FieldKind.USER;
      case 'l', 'A', 'f', 'k', 'L', 'P', 'R', 'X', 'I', 'S', 'C', 'e', 'n', 'o', 'x' ->
          FieldKind.IGNORE;
      case 'r' -> FieldKind.REQUEST;
      case 'm' -> FieldKind.METHOD;
      case 'U' -> FieldKind.PATH;
      case 'q' -> FieldKind.QUERY;
      case 'H' -> FieldKind.PROTOCOL;
      case 's' -> FieldKind.STATUS;
      case 'b', 'B', 'O' -> FieldKind.BYTES;
      case 'D' -> FieldKind.DURATION_US;
      case 'T' -> durationUnit(arg);
      case 'v', 'V' -> FieldKind.VHOST;
      case 'p' -> FieldKind.PORT;
      case 'i' -> header(arg);
      default -> null;
    };
  }

  private static FieldKind durationUnit(String arg) {
    if (arg == null || arg.equals("s")) {
      return FieldKind.DURATION_S;
    }
    return switch (arg) {
      case "ms" -> FieldKind.DURATION_MS;
      case "us" -> FieldKind.DURATION_US;
      default -> null;
    };
  }

  private static FieldKind header(String arg) {
    if (arg == null) {
      return null;
    }
    return switch (arg.toLowerCase(Locale.ROOT)) {
      case "referer", "referrer" -> FieldKind.REFERRER;
      case "user-agent" -> FieldKind.USER_AGENT;
      default -> FieldKind.IGNORE;
    };
  }

  /** {@code %t}, {@code %{sec}t}, {@code %{msec}t}, {@code %{usec}t} or a strftime pattern. */
  private static void time(Tokens tokens, String arg, String name, String format, int column) {
    if (arg == null) {
      tokens.field(FieldKind.TIME_CLF_BRACKETED, null, name, column);
      return;
    }
    String a = arg;
    // begin:/end: say whether the time is the request's start or end; logmon takes it as is.
    if (a.startsWith("begin:") || a.startsWith("end:")) {
      a = a.substring(a.indexOf(':') + 1);
    }
    FieldKind k =
        switch (a) {
          case "sec" -> FieldKind.TIME_EPOCH_S;
          case "msec" -> FieldKind.TIME_EPOCH_MS;
          case "usec" -> FieldKind.TIME_EPOCH_US;
          default -> null;
        };
    if (k != null) {
      tokens.field(k, null, name, column);
    } else if (a.startsWith("msec_frac") || a.startsWith("usec_frac")) {
      tokens.field(FieldKind.IGNORE, null, name, column);
    } else {
      tokens.field(FieldKind.TIME_STRFTIME, Strftime.compile(a, format, column), name, column);
    }
  }
}
