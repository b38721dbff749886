package dev.logmon.parse;

import static dev.logmon.source.LineBytes.LONGS;

/** Scans of ASCII log-line bytes shared by the byte parsers ({@link RowParser}s). */
public final class ByteScan {
  private static final long QUOTES = 0x2222222222222222L;
  private static final long SPACES = 0x2020202020202020L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /**
   * The '"' closing a quoted field that starts at {@code from}, skipping backslash escapes, or -1
   * (as {@code ClfParser.closingQuote}). Quoted fields (the user agent above all) are most of a
   * line's bytes, so this jumps eight bytes at a time to the next '"' or '\\' (zero-byte tests,
   * exact for the lowest match).
   */
  public static int closingQuote(byte[] b, int from, int end) {
    int i = from;
    while (i < end) {
      while (i + 8 <= end) {
        long w = (long) LONGS.get(b, i);
        long q = w ^ QUOTES;
        long e = w ^ BACKSLASHES;
        long t = (((q - ONES) & ~q) | ((e - ONES) & ~e)) & HIGHS;
        if (t != 0) {
          i += firstMarkedByte(t);
          break;
        }
        i += 8;
      }
      if (i >= end) {
        break;
      }
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      i += c == '\\' ? 2 : 1;
    }
    return -1;
  }

  /**
   * For a request line {@code b[from, to)} of the shape {@code METHOD SP target SP HTTP/...}, the
   * index of the space after the target; -1 for any other shape (as {@code ClfParser} decides).
   */
  public static int requestTargetEnd(byte[] b, int from, int to) {
    int methodEnd = from;
    while (methodEnd < to && isMethodChar(b[methodEnd])) {
      methodEnd++;
    }
    if (methodEnd == from || methodEnd >= to || b[methodEnd] != ' ') {
      return -1;
    }
    int targetEnd = nextSpace(b, methodEnd + 1, to);
    int protocol = targetEnd + 1;
    if (targetEnd == methodEnd + 1
        || protocol + 5 >= to
        || b[protocol] != 'H'
        || b[protocol + 1] != 'T'
        || b[protocol + 2] != 'T'
        || b[protocol + 3] != 'P'
        || b[protocol + 4] != '/') {
      return -1;
    }
    for (int i = protocol + 5; i < to; i++) {
      if (b[i] == ' ') {
        return -1;
      }
    }
    return targetEnd;
  }

  /**
   * The first ' ' in {@code b[from, to)}, or {@code to}: eight bytes a step, as request targets and
   * client addresses run to a dozen bytes and more.
   */
  static int nextSpace(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(b, i) ^ SPACES;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + firstMarkedByte(t);
      }
      i += 8;
    }
    while (i < to && b[i] != ' ') {
      i++;
    }
    return i;
  }

  /**
   * The index (0-7, little-endian) of the lowest byte of {@code t} whose high bit is set, where
   * only high bits are set, as {@code Long.numberOfTrailingZeros(t) >>> 3}. Plain arithmetic: the
   * C1 compiler a replay runs with makes a call of numberOfTrailingZeros, this it inlines.
   */
  static int firstMarkedByte(long t) {
    // The bits below the lowest mark, shifted to whole 0xFF bytes, one 1 per byte, summed into
    // the top byte by the multiplication.
    return (int) ((((((t - 1) & ~t) >>> 7) & ONES) * ONES) >>> 56);
  }

  private static boolean isMethodChar(byte c) {
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  }

  /** {@code String.hashCode()} of the Latin-1 text {@code b[from, to)}. */
  public static int hash(byte[] b, int from, int to) {
    int h = 0;
    int i = from;
    // Four bytes a step (31^4 = 923521): the same value, a quarter of the loop's overhead.
    for (; i + 4 <= to; i += 4) {
      h =
          923_521 * h
              + 29_791 * (b[i] & 0xFF)
              + 961 * (b[i + 1] & 0xFF)
              + 31 * (b[i + 2] & 0xFF)
              + (b[i + 3] & 0xFF);
    }
    for (; i < to; i++) {
      h = 31 * h + (b[i] & 0xFF);
    }
    return h;
  }

  /**
   * {@code s[from, to)} as bytes, one a character, so positions stay those of the text: Latin-1 as
   * is, anything past it as {@code 0xFF}, a byte above the space that no reader tests for.
   */
  public static byte[] latin1(String s, int from, int to) {
    byte[] b = new byte[to - from];
    for (int k = from; k < to; k++) {
      b[k - from] = (byte) Math.min(s.charAt(k), 0xFF);
    }
    return b;
  }
}
