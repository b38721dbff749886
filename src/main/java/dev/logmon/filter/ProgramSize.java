package dev.logmon.filter;

/**
 * An upper bound of the size of an RE2 program, read from the pattern's text before RE2/J builds
 * it: building {@code (a{1000}){1000}} takes a second and a million instructions, and a third level
 * runs out of memory, so the bound decides first. Every atom counts as a few instructions, a group
 * adds its capture, an alternative its branch, and a counted repetition multiplies what it repeats.
 * Text it cannot read (a malformed pattern) is counted as literal characters; RE2/J rejects it
 * afterwards.
 */
final class ProgramSize {
  private static final long CAP = 1L << 40;
  private final String p;
  private int i;

  private ProgramSize(String pattern) {
    this.p = pattern;
  }

  /** A bound of RE2/J's {@code programSize()} for {@code pattern}, if it compiles. */
  static long estimate(String pattern) {
    ProgramSize s = new ProgramSize(pattern);
    long size = 0;
    // Unbalanced ')' ends alternation() early: count the rest from there.
    while (s.i < pattern.length()) {
      size = add(size, s.alternation());
      s.i++;
    }
    return add(size, 4);
  }

  private long alternation() {
    long size = concatenation();
    while (i < p.length() && p.charAt(i) == '|') {
      i++;
      size = add(size, add(concatenation(), 1));
    }
    return size;
  }

  private long concatenation() {
    long size = 0;
    while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
      long atom = atom();
      size = add(size, repeated(atom));
    }
    return size;
  }

  private long atom() {
    char c = p.charAt(i++);
    if (c == '(') {
      long inner = alternation();
      if (i < p.length()) {
        i++; // ')'
      }
      return add(inner, 2);
    }
    if (c == '[') {
      skipClass();
      return 2;
    }
    if (c == '\\' && i < p.length()) {
      char e = p.charAt(i++);
      if (e == 'Q') {
        int end = p.indexOf("\\E", i);
        int stop = end < 0 ? p.length() : end;
        long n = Math.max(1, stop - i);
        i = end < 0 ? p.length() : end + 2;
        return 2 * n;
      }
      if ((e == 'p' || e == 'P') && i < p.length() && p.charAt(i) == '{') {
        int close = p.indexOf('}', i);
        i = close < 0 ? p.length() : close + 1;
      }
      return 2;
    }
    return 2;
  }

  private void skipClass() {
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++;
    }
    while (i < p.length() && p.charAt(i) != ']') {
      if (p.charAt(i) == '\\') {
        i++;
      } else if (p.startsWith("[:", i)) {
        int close = p.indexOf(":]", i + 2);
        if (close >= 0) {
          i = close + 1;
        }
      }
      i++;
    }
    i++;
  }

  /**
   * The atom's size with the repetitions after it: {@code * + ?} add a branch, {@code {n,m}}
   * repeats it up to m (or n + 1) times.
   */
  private long repeated(long atom) {
    long size = atom;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*' || c == '+' || c == '?') {
        i++;
        size = add(size, 2);
      } else if (c == '{') {
        long times = counted();
        if (times < 0) {
          return size;
        }
        size = mul(add(size, 2), times);
      } else {
        return size;
      }
      if (i < p.length() && p.charAt(i) == '?') {
        i++; // non-greedy
      }
    }
    return size;
  }

  /** For {@code {n}}, {@code {n,}}, {@code {n,m}} at i: the bound of copies, past it; else -1. */
  private long counted() {
    int j = i + 1;
    long n = 0;
    int start = j;
    while (j < p.length() && Character.isDigit(p.charAt(j)) && j - start < 9) {
      n = n * 10 + (p.charAt(j++) - '0');
    }
    if (j == start || j >= p.length()) {
      return -1;
    }
    long max = n;
    if (p.charAt(j) == ',') {
      j++;
      int mStart = j;
      long m = 0;
      while (j < p.length() && Character.isDigit(p.charAt(j)) && j - mStart < 9) {
        m = m * 10 + (p.charAt(j++) - '0');
      }
      max = j == mStart ? n + 1 : Math.max(n, m);
    }
    if (j >= p.length() || p.charAt(j) != '}') {
      return -1;
    }
    i = j + 1;
    return Math.max(1, max);
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long mul(long a, long b) {
    return a > CAP / Math.max(1, b) ? CAP : a * b;
  }
}
