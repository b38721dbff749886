package dev.logmon.parse;

import static dev.logmon.source.LineBytes.LONGS;

import java.util.Arrays;

/**
 * The distinct texts of one key kind (clients, sections, methods, or a breakdown's paths) in one
 * chunk, each numbered in order of first appearance, so the counting thread looks a text up in its
 * dictionary once per chunk instead of once per line.
 *
 * <p>A chunk of a few thousand lines holds a few hundred distinct clients and a few dozen sections
 * (an access log repeats itself), and the parse threads have spare time while the one counting
 * thread has none: the byte comparisons move to them. Open addressing over the chunk's buffer, with
 * linear probing. Not thread-safe: part of a {@link ParsedLines}, filled by one thread.
 *
 * <p>Slots come from the texts' String hash, which the parser computes as it scans. A log can be
 * written so that thousands of distinct texts share that hash; a probe longer than {@value
 * #FLOODED} slots (never seen with honest texts at this table's load) switches the chunk to {@link
 * KeyedHash}, which no log can aim at.
 */
public final class ChunkKeys {
  private int[] table = new int[256]; // key + 1, 0 = empty
  private int[] start = new int[128];
  private int[] end = new int[128];
  private int[] hash = new int[128];
  private int size;
  // Set when a probe ran long: until the chunk ends, every hash here is KeyedHash's.
  private boolean flooded;

  /** A probe this long means the texts were made to collide. */
  public static final int FLOODED = 64;

  /** Forgets every key (a new chunk starts). */
  public void clear() {
    if (size > 0) {
      Arrays.fill(table, 0);
      size = 0;
    }
    flooded = false;
  }

  /** Whether this chunk's texts made String hashes collide, so lookups use {@link KeyedHash}. */
  boolean flooded() {
    return flooded;
  }

  /** The number of distinct keys so far. */
  public int size() {
    return size;
  }

  /** The key number of the text {@code buf[from, to)} whose String hash is {@code h}. */
  public int intern(byte[] buf, int from, int to, int h) {
    if (flooded) {
      h = KeyedHash.of(buf, from, to);
    }
    int mask = table.length - 1;
    int len = to - from;
    int probes = 0;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int k = table[slot] - 1;
      if (k < 0) {
        return add(slot, from, to, h);
      }
      if (hash[k] == h && end[k] - start[k] == len && same(buf, start[k], from, len)) {
        return k;
      }
      if (++probes == FLOODED && !flooded) {
        rehashKeyed(buf);
        return intern(buf, from, to, h);
      }
    }
  }

  /** Where key {@code k}'s text starts in the buffer. */
  public int start(int k) {
    return start[k];
  }

  /** Where key {@code k}'s text ends in the buffer. */
  public int end(int k) {
    return end[k];
  }

  /**
   * Whether {@code b[x, x + len)} and {@code b[y, y + len)} hold the same bytes. Eight bytes a
   * step, the last step overlapping the one before, so no byte loop follows: keys are short (a
   * client address, a section), and under the C1 compiler that a replay runs with, Arrays.equals
   * costs more in its set-up than in its comparison, up to about 64 bytes (a user agent is longer).
   */
  public static boolean same(byte[] b, int x, int y, int len) {
    if (len > 64) {
      return Arrays.equals(b, x, x + len, b, y, y + len);
    }
    if (len >= 8) {
      int last = len - 8;
      for (int i = 0; i < last; i += 8) {
        if ((long) LONGS.get(b, x + i) != (long) LONGS.get(b, y + i)) {
          return false;
        }
      }
      return (long) LONGS.get(b, x + last) == (long) LONGS.get(b, y + last);
    }
    for (int i = 0; i < len; i++) {
      if (b[x + i] != b[y + i]) {
        return false;
      }
    }
    return true;
  }

  private int add(int slot, int from, int to, int h) {
    int k = size++;
    if (k == start.length) {
      start = Arrays.copyOf(start, k * 2);
      end = Arrays.copyOf(end, k * 2);
      hash = Arrays.copyOf(hash, k * 2);
    }
    start[k] = from;
    end[k] = to;
    hash[k] = h;
    table[slot] = k + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return k;
  }

  private void rehashKeyed(byte[] buf) {
    flooded = true;
    for (int k = 0; k < size; k++) {
      hash[k] = KeyedHash.of(buf, start[k], end[k]);
    }
    Arrays.fill(table, 0);
    place(table);
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    place(t);
    table = t;
  }

  private void place(int[] t) {
    int mask = t.length - 1;
    for (int k = 0; k < size; k++) {
      int slot = spread(hash[k]) & mask;
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = k + 1;
    }
  }

  /** Spreads a String hash (weak in its low bits for short keys) over the table. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }
}
