package dev.logmon.parse.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helper: writes JSON objects the way each server's encoder does, so that round-trip tests
 * feed the parsers the escapes they meet in real logs.
 *
 * <p>Values are {@link String}s (escaped per {@link Style}), {@link Raw} number text written as is,
 * {@code null}, nested {@link Map}s and {@link List}s. Maps keep their insertion order unless the
 * writer is asked to shuffle them.
 */
final class JsonText {
  /** How a server's JSON encoder escapes strings. */
  enum Style {
    /**
     * Caddy (zap): {@code \" \\ \n \r \t}, other controls as six-character u00XX escapes, the rest
     * raw.
     */
    ZAP,
    /** Traefik (Go encoding/json): as zap, plus {@code < > &} and U+2028/9 as {@code \\uXXXX}. */
    GO,
    /** nginx {@code escape=json}: {@code \" \\ \n \r \t \b \f}, other controls as u00XX escapes. */
    NGINX,
    /** ASCII-only encoders (PHP, Python's default): every non-ASCII char and {@code /} escaped. */
    ASCII
  }

  /** Number text written without quotes, exactly as given. */
  record Raw(String text) {}

  private final Style style;
  private final Random shuffle;

  /**
   * @param shuffle if not null, each object's keys are written in an order it picks (JSON object
   *     order carries no meaning, and loggers differ)
   */
  JsonText(Style style, Random shuffle) {
    this.style = style;
    this.shuffle = shuffle;
  }

  String write(Object value) {
    StringBuilder out = new StringBuilder();
    value(out, value);
    return out.toString();
  }

  private void value(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Raw r) {
      out.append(r.text());
    } else if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Map<?, ?> m) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      if (shuffle != null) {
        java.util.Collections.shuffle(entries, shuffle);
      }
      out.append('{');
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, (String) entries.get(i).getKey());
        out.append(':');
        value(out, entries.get(i).getValue());
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, l.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  private void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append(style == Style.NGINX ? "\\b" : "\\u0008");
        case '\f' -> out.append(style == Style.NGINX ? "\\f" : "\\u000c");
        default -> {
          boolean escape =
              c < 0x20
                  || lone(s, i) // no UTF-8 for half a pair: its escape is how a line carries it
                  || (style == Style.GO
                      && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'))
                  || (style == Style.ASCII && (c > 0x7e || c == '/'));
          if (!escape) {
            out.append(c);
          } else if (c == '/') {
            out.append("\\/");
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether {@code s.charAt(i)} is a surrogate without its other half. */
  private static boolean lone(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
        : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** An object from alternating keys and values, in that order. */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * Puts {@code value} at a dotted {@code path} ({@code http.request.method}) into nested objects,
   * creating those that are missing.
   */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, String path, Object value) {
    Map<String, Object> m = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    m.put(parts[parts.length - 1], value);
  }
}
