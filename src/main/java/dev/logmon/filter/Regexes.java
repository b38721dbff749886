package dev.logmon.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The regular expressions of {@code ~}: RE2 syntax (RE2/J), which matches in time linear in the
 * text, so no pattern can make a line cost exponential time as a backtracking engine would; a
 * pattern whose compiled program would be large is refused before it is built (counted repetitions
 * nest multiplicatively: {@code ((a{100}){100}){100}} is a million steps), keeping the work per
 * match at most {@link #MAX_PROGRAM} steps a character. Plain literals, prefixes and suffixes
 * ({@code bot}, {@code ^/health}, {@code \.php$}) skip the engine.
 */
final class Regexes {
  /** The largest program, in RE2 instructions, that a filter may use. */
  static final int MAX_PROGRAM = 2000;

  private Regexes() {}

  /** A compiled pattern: whether it matches somewhere in a text. Not thread-safe. */
  interface TextMatcher {
    boolean find(CharSequence text);
  }

  /**
   * Compiles {@code regex}, or throws IllegalArgumentException with a one-line reason (bad syntax,
   * an unsupported construct such as a back-reference or look-around, or too large).
   */
  static TextMatcher compile(String regex) {
    long estimate = ProgramSize.estimate(regex);
    if (estimate > MAX_PROGRAM) {
      throw new IllegalArgumentException(tooLarge());
    }
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regular expression: " + e.getDescription());
    }
    if (p.programSize() > MAX_PROGRAM) {
      throw new IllegalArgumentException(tooLarge());
    }
    TextMatcher literal = literalMatcher(regex);
    if (literal != null) {
      return literal;
    }
    com.google.re2j.Matcher m = p.matcher("");
    return text -> m.reset(text).find();
  }

  private static String tooLarge() {
    return "regular expression too large (over "
        + MAX_PROGRAM
        + " steps; nested counted"
        + " repetitions multiply)";
  }

  /**
   * A matcher for a pattern that is plain text, optionally anchored with {@code ^} and/or {@code
   * $}, with punctuation escaped by {@code \}; null for any other pattern.
   */
  static TextMatcher literalMatcher(String regex) {
    boolean start = regex.startsWith("^");
    int from = start ? 1 : 0;
    int to = regex.length();
    boolean end = to > from && regex.charAt(to - 1) == '$' && !escaped(regex, to - 1);
    if (end) {
      to--;
    }
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 >= to) {
          return null;
        }
        char e = regex.charAt(++i);
        if (e >= 0x7f || Character.isLetterOrDigit(e) || e <= ' ') {
          return null;
        }
        b.append(e);
      } else if ("^$.*+?()[]{}|".indexOf(c) >= 0 || c < ' ' || c >= 0x7f) {
        return null;
      } else {
        b.append(c);
      }
    }
    String text = b.toString();
    if (start && end) {
      return s -> s.length() == text.length() && regionMatches(s, 0, text);
    }
    if (start) {
      return s -> s.length() >= text.length() && regionMatches(s, 0, text);
    }
    if (end) {
      return s -> s.length() >= text.length() && regionMatches(s, s.length() - text.length(), text);
    }
    return s -> indexOf(s, text) >= 0;
  }

  private static boolean escaped(String s, int at) {
    int backslashes = 0;
    for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  static boolean regionMatches(CharSequence s, int at, String text) {
    for (int k = 0; k < text.length(); k++) {
      if (s.charAt(at + k) != text.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(CharSequence s, String text) {
    if (s instanceof String str) {
      return str.indexOf(text);
    }
    int last = s.length() - text.length();
    if (text.isEmpty()) {
      return 0;
    }
    char first = text.charAt(0);
    for (int i = 0; i <= last; i++) {
      if (s.charAt(i) == first && regionMatches(s, i, text)) {
        return i;
      }
    }
    return -1;
  }
}
