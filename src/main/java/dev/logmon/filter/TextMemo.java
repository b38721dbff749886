package dev.logmon.filter;

import dev.logmon.parse.ByteScan;
import java.util.Arrays;
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
  // The same keys as Latin-1 bytes when a row's bytes put them there (else null), with their hash.
  private final byte[][] keyBytes = new byte[SLOTS][];
  private final int[] keyHashes = new int[SLOTS];

  TextMemo(Predicate<CharSequence> predicate) {
    this.predicate = predicate;
  }

  boolean test(CharSequence text) {
    if (text instanceof ByteText b) {
      return test(b);
    }
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
    keyBytes[slot] = null;
    answers[slot] = answer;
    return answer;
  }

  /** As {@link #test(CharSequence)} for a row's bytes: no per-character interface calls. */
  private boolean test(ByteText text) {
    int length = text.length();
    if (length > MAX_KEY) {
      return predicate.test(text);
    }
    byte[] b = text.buf;
    int from = text.from;
    int h = ByteScan.hash(b, from, from + length);
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keyBytes[slot];
    if (key != null
        && keyHashes[slot] == h
        && key.length == length
        && Arrays.equals(key, 0, length, b, from, from + length)) {
      return answers[slot];
    }
    String s = text.toString();
    if (keys[slot] != null && keys[slot].equals(s)) {
      // Stored from a String: keep its answer, and its bytes from now on.
      keyBytes[slot] = Arrays.copyOfRange(b, from, from + length);
      keyHashes[slot] = h;
      return answers[slot];
    }
    boolean answer = predicate.test(s);
    keys[slot] = s;
    keyBytes[slot] = Arrays.copyOfRange(b, from, from + length);
    keyHashes[slot] = h;
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
