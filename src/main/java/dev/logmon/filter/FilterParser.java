package dev.logmon.filter;

import dev.logmon.filter.Expr.Op;
import dev.logmon.filter.Lexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses filter expressions: {@code [NAME:] expr}, where
 *
 * <pre>
 * expr       = term ("or" term)*
 * term       = factor ("and" factor)*
 * factor     = "not" factor | "(" expr ")" | field op value | field ["not"] "in" values
 *            | field ("~" | "!~") regex
 * values     = value | "[" value ("," value)* [","] "]"
 * </pre>
 *
 * Keywords and field names are case-insensitive; values are checked against their field (a status
 * takes a number or {@code 5xx}, a duration a unit, an address field an address or CIDR block).
 * Total: returns an {@link Expr} or throws {@link FilterSyntaxException}, never anything else.
 */
public final class FilterParser {
  /** The longest expression accepted, in characters. */
  public static final int MAX_LENGTH = 10_000;

  /** The deepest nesting of parentheses and {@code not}s accepted. */
  public static final int MAX_DEPTH = 64;

  private static final String FIELDS =
      Arrays.stream(Field.values()).map(Field::key).collect(Collectors.joining(", "));
  private static final String OPERATORS = "==, !=, <, <=, >, >=, ~, !~, in, not in";
  private static final long MAX_DURATION_MICROS = 1_000_000_000_000L; // 11.6 days

  private final String shown;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  private FilterParser(String shown, List<Token> tokens) {
    this.shown = shown;
    this.tokens = tokens;
  }

  /** Parses {@code [NAME:] expr}: a rule with an optional name (letters, digits, - and _). */
  public static Rule parseRule(String text) {
    checkLength(text);
    int i = 0;
    while (i < text.length() && Lexer.isSpace(text.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < text.length() && isAsciiLetter(text.charAt(i))) {
      while (i < text.length() && (isAsciiLetter(text.charAt(i)) || isNameChar(text.charAt(i)))) {
        i++;
      }
      boolean colon = i < text.length() && text.charAt(i) == ':';
      boolean doubleColon = colon && i + 1 < text.length() && text.charAt(i + 1) == ':';
      if (colon && !doubleColon) {
        return new Rule(text.substring(start, i), parse(text, i + 1));
      }
    }
    return new Rule(null, parse(text, 0));
  }

  /** Parses an expression without a name. */
  public static Expr parse(String text) {
    checkLength(text);
    return parse(text, 0);
  }

  private static Expr parse(String text, int from) {
    FilterParser parser =
        new FilterParser(text, new Lexer(text.substring(from), from, text).tokens());
    if (parser.peek().type() == Lexer.Type.END) {
      throw new FilterSyntaxException("empty expression", parser.peek().column(), text);
    }
    Expr e = parser.or();
    Token t = parser.peek();
    if (t.type() != Lexer.Type.END) {
      throw parser.error(
          "unexpected "
              + describe(t)
              + (t.type() == Lexer.Type.RPAREN
                  ? " without a '(' before it"
                  : "; join conditions with 'and' or 'or'"),
          t);
    }
    return e;
  }

  private static void checkLength(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new FilterSyntaxException(
          "longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1, text);
    }
  }

  private Expr or() {
    Expr e = and();
    while (peek().isWord("or")) {
      pos++;
      e = new Expr.Or(e, and());
    }
    return e;
  }

  private Expr and() {
    Expr e = factor();
    while (peek().isWord("and")) {
      pos++;
      e = new Expr.And(e, factor());
    }
    return e;
  }

  private Expr factor() {
    Token t = next();
    boolean nests = t.isWord("not") || t.type() == Lexer.Type.LPAREN;
    if (nests && ++depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " deep", t);
    }
    try {
      if (t.isWord("not")) {
        return new Expr.Not(factor());
      }
      if (t.type() == Lexer.Type.LPAREN) {
        Expr e = or();
        Token close = next();
        if (close.type() != Lexer.Type.RPAREN) {
          throw error(
              "expected ')' to close the '(' at column "
                  + t.column()
                  + ", found "
                  + describe(close),
              close);
        }
        return e;
      }
      if (t.type() != Lexer.Type.WORD) {
        throw error("expected a field (" + FIELDS + "), found " + describe(t), t);
      }
      Field field = Field.named(t.text().toLowerCase(Locale.ROOT));
      if (field == null) {
        throw error("unknown field '" + t.text() + "' (fields: " + FIELDS + ")", t);
      }
      return condition(field, t);
    } finally {
      if (nests) {
        depth--;
      }
    }
  }

  private Expr condition(Field field, Token fieldToken) {
    Token t = next();
    boolean negated = false;
    if (t.isWord("not") && peek().isWord("in")) {
      negated = true;
      t = next();
    }
    if (t.isWord("in")) {
      return new Expr.In(field, values(field), negated);
    }
    if (t.type() != Lexer.Type.OP) {
      throw error(
          "expected an operator ("
              + OPERATORS
              + ") after '"
              + fieldToken.text()
              + "', found "
              + describe(t),
          t);
    }
    if (t.text().equals("~") || t.text().equals("!~")) {
      if (!field.isText()) {
        throw error("'" + t.text() + "' matches text; " + field.key() + " is a number", t);
      }
      Token r = next();
      if (r.type() != Lexer.Type.STRING && r.type() != Lexer.Type.WORD) {
        throw error(
            "expected a regular expression after '" + t.text() + "', found " + describe(r), r);
      }
      try {
        Regexes.compile(r.text());
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage(), r);
      }
      return new Expr.Match(field, r.text(), t.text().equals("!~"));
    }
    Op op = Op.of(t.text());
    if (op.orders() && field.isText()) {
      throw error(
          "'" + op.symbol() + "' orders numbers and durations; " + field.key() + " is text", t);
    }
    Token v = next();
    Literal value = value(field, v);
    if (op.orders() && value instanceof Literal.StatusClass) {
      throw error("'" + op.symbol() + "' needs a number, not a status class", v);
    }
    return new Expr.Compare(field, op, value);
  }

  private List<Literal> values(Field field) {
    Token t = next();
    if (t.type() != Lexer.Type.LBRACKET) {
      return List.of(value(field, t));
    }
    List<Literal> values = new ArrayList<>();
    while (true) {
      Token v = next();
      if (v.type() == Lexer.Type.RBRACKET && !values.isEmpty()) {
        return values;
      }
      values.add(value(field, v));
      Token sep = next();
      if (sep.type() == Lexer.Type.RBRACKET) {
        return values;
      }
      if (sep.type() != Lexer.Type.COMMA) {
        throw error("expected ',' or ']' in the list, found " + describe(sep), sep);
      }
    }
  }

  private Literal value(Field field, Token t) {
    if (t.type() != Lexer.Type.WORD && t.type() != Lexer.Type.STRING) {
      throw error("expected a value for " + field.key() + ", found " + describe(t), t);
    }
    String s = t.text();
    switch (field.kind()) {
      case TEXT:
        return new Literal.Text(s);
      case ADDRESS:
        return address(s, t);
      case DURATION:
        return duration(s, t);
      default:
        return number(field, s, t);
    }
  }

  private Literal number(Field field, String s, Token t) {
    if (field == Field.STATUS
        && s.length() == 3
        && s.charAt(0) >= '1'
        && s.charAt(0) <= '5'
        && (s.charAt(1) | 0x20) == 'x'
        && (s.charAt(2) | 0x20) == 'x') {
      return new Literal.StatusClass(s.charAt(0) - '0');
    }
    if (t.type() != Lexer.Type.WORD || !s.matches("[0-9]{1,18}")) {
      throw error(
          field.key()
              + " takes a whole number"
              + (field == Field.STATUS ? " or a class like 5xx" : "")
              + ", not "
              + describe(t),
          t);
    }
    long n = Long.parseLong(s);
    if (field == Field.STATUS && (n < 100 || n > 999)) {
      throw error("status codes are 100 to 999, not " + s, t);
    }
    return new Literal.Number(n);
  }

  private Literal duration(String s, Token t) {
    int unit = 0;
    while (unit < s.length() && (Character.isDigit(s.charAt(unit)) || s.charAt(unit) == '.')) {
      unit++;
    }
    long scale =
        switch (s.substring(unit)) {
          case "us" -> 1;
          case "ms" -> 1000;
          case "s" -> 1_000_000;
          default -> 0;
        };
    String number = s.substring(0, unit);
    if (t.type() != Lexer.Type.WORD || scale == 0 || !number.matches("\\d{1,15}(\\.\\d{1,9})?")) {
      throw error("duration takes a time with a unit (800us, 250ms, 1.5s), not " + describe(t), t);
    }
    BigDecimal micros = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
    if (micros.stripTrailingZeros().scale() > 0) {
      throw error("durations are counted in whole microseconds, not " + s, t);
    }
    if (micros.compareTo(BigDecimal.valueOf(MAX_DURATION_MICROS)) > 0) {
      throw error("duration " + s + " is too long", t);
    }
    return new Literal.Duration(micros.longValueExact());
  }

  /** An address or CIDR block, or text (a host name as %h logs it without address lookups). */
  private Literal address(String s, Token t) {
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    long[] bits = new long[2];
    if (!IpAddresses.parse(address, 0, address.length(), false, bits)) {
      if (slash >= 0
          || (!s.isEmpty() && s.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
        throw error("'" + s + "' is not an IPv4 or IPv6 address or CIDR block", t);
      }
      return new Literal.Text(s);
    }
    boolean v4 = address.indexOf(':') < 0;
    int length = v4 ? 32 : 128;
    if (slash >= 0) {
      String len = s.substring(slash + 1);
      if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > length) {
        throw error("'" + s + "' needs a prefix length of 0 to " + length + " after '/'", t);
      }
      length = Integer.parseInt(len);
    }
    int prefix = v4 ? 96 + length : length;
    long hi = bits[0] & Literal.Block.maskHi(prefix);
    long lo = bits[1] & Literal.Block.maskLo(prefix);
    Literal.Block block = new Literal.Block(hi, lo, prefix, v4);
    if (hi != bits[0] || lo != bits[1]) {
      throw error("'" + s + "' has bits set past its prefix; the block is " + block.print(), t);
    }
    return block;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type() != Lexer.Type.END) {
      pos++;
    }
    return t;
  }

  private FilterSyntaxException error(String reason, Token at) {
    return new FilterSyntaxException(reason, at.column(), shown);
  }

  private static String describe(Token t) {
    return switch (t.type()) {
      case END -> "the end";
      case STRING -> "the string " + Literal.quote(t.text());
      default -> "'" + t.text() + "'";
    };
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNameChar(char c) {
    return (c >= '0' && c <= '9') || c == '_' || c == '-';
  }
}
