package dev.logmon.present;

import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escaping for logmon's JSON text: besides JSON's own, every character {@link Sanitizer} deems
 * unsafe (controls, format characters such as the right-to-left override, zero-width and other
 * invisible characters) and every surrogate is written as a {@code \}{@code uXXXX} escape, so a
 * JSON line shown on a terminal reads as it is and a JSON reader still gets the exact text.
 *
 * <p>Jackson asks about one UTF-16 unit at a time, so a supplementary character is judged by its
 * surrogates alone; escaping all of them (an emoji becomes a pair of escapes) is exact and simple.
 */
public final class JsonEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;

  /** The escapes for JSON lines. */
  public static final JsonEscapes TERMINAL = new JsonEscapes(false);

  /** The escapes for documents a browser may see: {@code <}, {@code >} and {@code &} as well. */
  public static final JsonEscapes HTML_SAFE = new JsonEscapes(true);

  private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

  private JsonEscapes(boolean html) {
    if (html) {
      ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }
    ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializedString getEscapeSequence(int ch) {
    if (Character.isSurrogate((char) ch) || Sanitizer.isUnsafe(ch)) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
    return null;
  }
}
