package dev.logmon.present;

/**
 * Makes text from a log (or from a file name, an option value, a header) safe to print on a
 * terminal: control characters, escape sequences and invisible or direction-changing characters
 * become visible, harmless text.
 *
 * <p>A request path is attacker-controlled; printed raw, {@code ESC ]0;title BEL} would retitle the
 * operator's window and {@code ESC [2J} would clear it, a right-to-left override (U+202E) would
 * make the rest of the line read backwards, and a zero-width space would hide text. Every C0
 * control, DEL and C1 control is therefore written as {@code \xHH} (the way Apache itself logs
 * bytes it distrusts), and every other character that is invisible or changes the text's direction
 * as a backslash, {@code u} and four hex digits ({@code U} and eight above U+FFFF, as in Python):
 * format characters (Unicode category Cf: bidi overrides, embeddings and isolates, zero-width
 * characters, the byte order mark, tag characters), the line and paragraph separators, the other
 * default-ignorable code points (variation selectors, Hangul fillers, ...) and unpaired surrogates.
 * The result is idempotent: cleaning clean text changes nothing.
 */
public final class Sanitizer {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Sanitizer() {}

  /** The text with every unsafe character escaped; never null. */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    int i = 0;
    while (i < s.length()) {
      int cp = pairedCodePointAt(s, i);
      if (isUnsafe(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
    while (i < s.length()) {
      int cp = pairedCodePointAt(s, i);
      int n = Character.charCount(cp);
      if (!isUnsafe(cp)) {
        b.append(s, i, i + n);
      } else if (cp <= 0x9f) {
        b.append("\\x");
        hex(b, cp, 2);
      } else if (cp <= 0xffff) {
        b.append("\\u");
        hex(b, cp, 4);
      } else {
        b.append("\\U");
        hex(b, cp, 8);
      }
      i += n;
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

  /**
   * Whether a code point must not reach a terminal or page as itself: a control, a format character
   * (Cf), a line or paragraph separator, a default-ignorable code point, or a surrogate (only ever
   * seen here unpaired).
   */
  public static boolean isUnsafe(int cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      return true;
    }
    if (cp < 0xad) {
      return false; // printable ASCII and Latin-1: the common case, decided without a lookup
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || defaultIgnorable(cp);
  }

  /**
   * The default-ignorable code points (Unicode's DerivedCoreProperties) that are not format
   * characters: they render as nothing, so they could hide text just the same.
   */
  private static boolean defaultIgnorable(int cp) {
    return cp == 0x034f
        || cp == 0x115f
        || cp == 0x1160
        || cp == 0x17b4
        || cp == 0x17b5
        || (cp >= 0x180b && cp <= 0x180f)
        || cp == 0x3164
        || (cp >= 0xfe00 && cp <= 0xfe0f)
        || cp == 0xffa0
        || (cp >= 0xfff0 && cp <= 0xfff8)
        || (cp >= 0xe0000 && cp <= 0xe0fff);
  }

  /** The code point at {@code i}; a lone surrogate is returned as itself (and is unsafe). */
  private static int pairedCodePointAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      return Character.toCodePoint(c, s.charAt(i + 1));
    }
    return c;
  }

  private static void hex(StringBuilder b, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      b.append(HEX[(v >> shift) & 0xF]);
    }
  }
}
