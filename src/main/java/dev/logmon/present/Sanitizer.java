package dev.logmon.present;

/**
 * Makes text from a log safe to print on a terminal: control characters and escape sequences become
 * visible, harmless text.
 *
 * <p>A request path is attacker-controlled; printed raw, {@code ESC ]0;title BEL} would retitle the
 * operator's window and {@code ESC [2J} would clear it. Every C0 control, DEL and C1 control is
 * therefore written as {@code \xHH} (the way Apache itself logs bytes it distrusts), so the escape
 * introducer never reaches the terminal and the rest of the sequence is inert text.
 */
public final class Sanitizer {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Sanitizer() {}

  /** The text with every control character replaced by {@code \xHH}; never null. */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    int i = 0;
    while (i < s.length() && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isControl(c)) {
        b.append("\\x").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The cleaned text cut to at most {@code max} characters, ending in "…" when cut. */
  public static String clip(String s, int max) {
    String c = clean(s);
    if (c.length() <= max) {
      return c;
    }
    return max <= 1 ? c.substring(0, Math.max(0, max)) : c.substring(0, max - 1) + "…";
  }

  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
