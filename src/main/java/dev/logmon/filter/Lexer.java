package dev.logmon.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into tokens: words (field names, keywords, unquoted values such as
 * {@code GET}, {@code 500}, {@code 250ms}, {@code 10.0.0.0/8}, {@code /api}), quoted strings,
 * operators, brackets and commas. Total over any input: it returns tokens or throws {@link
 * FilterSyntaxException}.
 */
final class Lexer {
  /** What a token is. */
  enum Type {
    WORD,
    STRING,
    OP,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    END
  }

  /**
   * A token: its type, its text (a string's decoded value, an operator's symbol) and its 1-based
   * column in the expression (the first column shown to a user is 1).
   */
  record Token(Type type, String text, int column) {
    boolean isWord(String keyword) {
      return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  private final String source;
  private final int offset;
  private final String shown;
  private int i;

  /**
   * @param shown the whole expression as given, for messages
   * @param offset where {@code source} starts in {@code shown}
   */
  Lexer(String source, int offset, String shown) {
    this.source = source;
    this.offset = offset;
    this.shown = shown;
  }

  List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (i < source.length() && isSpace(source.charAt(i))) {
        i++;
      }
      int column = offset + i + 1;
      if (i == source.length()) {
        out.add(new Token(Type.END, "", column));
        return out;
      }
      char c = source.charAt(i);
      switch (c) {
        case '(' -> out.add(single(Type.LPAREN, column));
        case ')' -> out.add(single(Type.RPAREN, column));
        case '[' -> out.add(single(Type.LBRACKET, column));
        case ']' -> out.add(single(Type.RBRACKET, column));
        case ',' -> out.add(single(Type.COMMA, column));
        case '"', '\'' -> out.add(new Token(Type.STRING, string(c, column), column));
        case '=', '!', '<', '>', '~', '&', '|' ->
            out.add(new Token(Type.OP, operator(column), column));
        default -> {
          if (!isWordChar(c)) {
            throw error(
                "unexpected character "
                    + describe(c)
                    + (c > 0x7f ? "; put text that is not ASCII in quotes" : ""),
                column);
          }
          int start = i;
          while (i < source.length() && isWordChar(source.charAt(i))) {
            i++;
          }
          out.add(new Token(Type.WORD, source.substring(start, i), column));
        }
      }
    }
  }

  private Token single(Type type, int column) {
    i++;
    return new Token(type, String.valueOf(source.charAt(i - 1)), column);
  }

  private String operator(int column) {
    char c = source.charAt(i);
    char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
    String two = new String(new char[] {c, next});
    switch (two) {
      case "==", "!=", "<=", ">=", "!~" -> {
        i += 2;
        return two;
      }
      case "&&" -> throw error("'&&' is not an operator; write 'and'", column);
      case "||" -> throw error("'||' is not an operator; write 'or'", column);
      default -> {
        // one-character operators below
      }
    }
    switch (c) {
      case '<', '>', '~' -> {
        i++;
        return String.valueOf(c);
      }
      case '=' -> throw error("'=' is not an operator; write '==' to compare", column);
      case '!' -> throw error("'!' is not an operator; write 'not', '!=' or '!~'", column);
      default -> throw error("unexpected character " + describe(c), column);
    }
  }

  /**
   * A quoted string: {@code \\}, {@code \"}, {@code \'}, {@code \n}, {@code \r}, {@code \t} and
   * {@code \}{@code uXXXX} are decoded; any other backslash is kept as written, so regular
   * expressions such as {@code "\d+\.html"} need no doubling.
   */
  private String string(char quote, int column) {
    StringBuilder b = new StringBuilder();
    i++;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == quote) {
        i++;
        return b.toString();
      }
      if (c == '\\' && i + 1 < source.length()) {
        char e = source.charAt(i + 1);
        switch (e) {
          case '\\', '"', '\'' -> b.append(e);
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            b.append(unicodeEscape());
            continue;
          }
          default -> b.append(c).append(e);
        }
        i += 2;
        continue;
      }
      b.append(c);
      i++;
    }
    throw error("unterminated string", column);
  }

  private char unicodeEscape() {
    int column = offset + i + 1;
    if (i + 6 > source.length()) {
      throw error("\\u needs four hex digits", column);
    }
    int value = 0;
    for (int k = i + 2; k < i + 6; k++) {
      int d = Character.digit(source.charAt(k), 16);
      if (d < 0 || source.charAt(k) > 'f') {
        throw error("\\u needs four hex digits", column);
      }
      value = value * 16 + d;
    }
    i += 6;
    return (char) value;
  }

  private FilterSyntaxException error(String reason, int column) {
    return new FilterSyntaxException(reason, column, shown);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Characters of an unquoted word: printable ASCII but for spaces and the expression's own. */
  static boolean isWordChar(char c) {
    if (c <= ' ' || c >= 0x7f) {
      return false;
    }
    return "\"'()[],=!<>~&|".indexOf(c) < 0;
  }

  private static String describe(char c) {
    return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
