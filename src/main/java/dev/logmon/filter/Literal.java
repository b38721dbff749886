package dev.logmon.filter;

/** A value written in a filter expression, already read as what its field compares it with. */
public sealed interface Literal {
  /** The literal as it is printed in canonical expressions; it parses back to an equal literal. */
  String print();

  /** A text, compared exactly (or by regular expression, see {@link Expr.Match}). */
  record Text(String value) implements Literal {
    public Text {
      java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String print() {
      return quote(value);
    }
  }

  /** A whole number: a status code or a size in bytes. */
  @SuppressWarnings("JavaLangClash") // always written Literal.Number, never imported alone
  record Number(long value) implements Literal {
    public Number {
      if (value < 0) {
        throw new IllegalArgumentException("negative: " + value);
      }
    }

    @Override
    public String print() {
      return Long.toString(value);
    }
  }

  /** A duration in microseconds, written with a unit. */
  record Duration(long micros) implements Literal {
    public Duration {
      if (micros < 0) {
        throw new IllegalArgumentException("negative: " + micros);
      }
    }

    @Override
    public String print() {
      if (micros % 1_000_000 == 0) {
        return micros / 1_000_000 + "s";
      }
      return micros % 1000 == 0 ? micros / 1000 + "ms" : micros + "us";
    }
  }

  /** A class of status codes, {@code 1xx} to {@code 5xx}. */
  record StatusClass(int digit) implements Literal {
    public StatusClass {
      if (digit < 1 || digit > 5) {
        throw new IllegalArgumentException("status class " + digit);
      }
    }

    @Override
    public String print() {
      return digit + "xx";
    }

    /** Whether {@code status} is in the class. */
    public boolean contains(int status) {
      return status / 100 == digit;
    }
  }

  /**
   * An address block: the addresses whose first {@code prefix} of 128 bits are those of ({@code
   * hi}, {@code lo}), an IPv4 block held IPv4-mapped ({@code prefix} 96 + its length, {@code v4}
   * set). A single address is a block of prefix 128. Host bits beyond the prefix are zero.
   */
  record Block(long hi, long lo, int prefix, boolean v4) implements Literal {
    public Block {
      if (prefix < (v4 ? 96 : 0) || prefix > 128) {
        throw new IllegalArgumentException("prefix " + prefix);
      }
      if ((hi & ~maskHi(prefix)) != 0 || (lo & ~maskLo(prefix)) != 0) {
        throw new IllegalArgumentException("host bits set");
      }
      if (v4 && !IpAddresses.isMapped(hi, lo)) {
        throw new IllegalArgumentException("not an IPv4-mapped address");
      }
    }

    /** Whether the address ({@code hi}, {@code lo}) is in the block. */
    public boolean contains(long hi, long lo) {
      return (hi & maskHi(prefix)) == this.hi && (lo & maskLo(prefix)) == this.lo;
    }

    @Override
    public String print() {
      String address = IpAddresses.format(hi, lo, v4);
      return prefix == 128 ? address : address + "/" + (v4 ? prefix - 96 : prefix);
    }

    static long maskHi(int prefix) {
      return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    static long maskLo(int prefix) {
      return prefix <= 64 ? 0 : -1L << (128 - prefix);
    }
  }

  /**
   * {@code s} in double quotes, with {@code \} and {@code "} escaped and control, format and other
   * invisible characters written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX},
   * so a printed expression is one line and reads back as it was.
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append(plainBackslash(s, i) ? "\\" : "\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (visible(c)) {
            b.append(c);
          } else {
            b.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Whether the backslash at {@code i} can be printed alone: the lexer keeps a backslash before a
   * character it does not decode, so {@code \.} in a regular expression stays readable.
   */
  private static boolean plainBackslash(String s, int i) {
    if (i + 1 >= s.length()) {
      return false;
    }
    char next = s.charAt(i + 1);
    return visible(next) && "\\\"'nrtu".indexOf(next) < 0;
  }

  private static boolean visible(char c) {
    if (Character.isSurrogate(c)) {
      return false;
    }
    int type = Character.getType(c);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && !Character.isIdentifierIgnorable(c);
  }
}
