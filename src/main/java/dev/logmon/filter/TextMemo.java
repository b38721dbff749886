package dev.logmon.filter;

import java.util.function.Predicate;

/**
 * Remembers a text predicate's answer per distinct value, in a fixed direct-mapped table: a log
 * repeats its agents, referrers and sections, so a regular expression runs about once per value.
 * Bounded: {@value #SLOTS} slots, each holding a value of at most {@value #MAX_KEY} characters
 * (longer values are tested each time); a collision replaces the slot. A value that is the same
 * {@code String} instance as the stored one is found by reference. Not thread-safe.
 */
final class TextMemo {
  static final int SLOTS = 4096;
  static final int MAX_KEY = 256;
  private final Predicate<CharSequence> predicate;
  private final String[] keys = new String[SLOTS];
  private final boolean[] answers = new boolean[SLOTS];

  TextMemo(Predicate<CharSequence> predicate) {
    this.predicate = predicate;
  }

  boolean test(CharSequence text) {
    int length = text.length();
    if (length > MAX_KEY) {
      return predicate.test(text);
    }
    int h = hash(text);
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String key = keys[slot];
    if (key == text || (key != null && key.hashCode() == h && key.contentEquals(text))) {
      return answers[slot];
    }
    boolean answer = predicate.test(text);
    keys[slot] = text.toString();
    answers[slot] = answer;
    return answer;
  }

  /** String's hash of the text, cached by String itself. */
  static int hash(CharSequence text) {
    if (text instanceof String s) {
      return s.hashCode();
    }
    int h = 0;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }
}
