package dev.logmon.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from Latin-1 byte ranges to their Strings, so that a key read from
 * bytes over and over (a section, a virtual host) is decoded once rather than once per line.
 *
 * <p>A miss (a new key, or two keys sharing a slot) decodes the range and takes the slot; the
 * String returned always equals the decoded range, so the cache changes speed, never results.
 * Memory is bounded by the slot count. Not thread-safe: owned by the pipeline thread.
 */
final class StringCache {
  private final byte[][] keys;
  private final String[] values;
  private final int mask;

  /** A cache of {@code slots} entries, a power of two. */
  StringCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    keys = new byte[slots][];
    values = new String[slots];
    mask = slots - 1;
  }

  /** The String of {@code b[from, to)}, whose {@code String.hashCode()} is {@code hash}. */
  String get(byte[] b, int from, int to, int hash) {
    int slot = (hash ^ (hash >>> 16)) & mask;
    byte[] k = keys[slot];
    if (k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
      return values[slot];
    }
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    keys[slot] = Arrays.copyOfRange(b, from, to);
    values[slot] = s;
    return s;
  }
}
