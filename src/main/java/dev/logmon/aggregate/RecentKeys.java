package dev.logmon.aggregate;

import dev.logmon.parse.ChunkKeys;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A direct-mapped memo of the texts a {@link ChunkTally} met in its chunk, each with what it stands
 * for (a key number), so a text seen before costs a few byte reads and one comparison instead of a
 * hash over all its bytes and a probe. It exists because hashing each line's user agent (about 100
 * bytes) was most of what the breakdowns cost a replay, and a log repeats its agents and referrers
 * line after line.
 *
 * <p>A slot is chosen by the text's length and up to 32 of its bytes (all of a short one), and
 * holds the range of the text last stored there; a hit is confirmed by comparing the bytes, so a
 * collision only costs a miss (the caller then hashes as before and stores the text). Entries of an
 * earlier chunk are never found ({@link #clear} moves to a new generation). Not thread-safe: part
 * of a tally.
 */
final class RecentKeys {
  /** What {@link #find} returns for a text not in the memo. */
  static final int MISS = Integer.MIN_VALUE;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final int BITS = 10;
  private static final int SLOTS = 1 << BITS;
  private final int[] from = new int[SLOTS];
  private final int[] to = new int[SLOTS];
  private final int[] value = new int[SLOTS];
  private final int[] generation = new int[SLOTS];
  private int current = 1;

  /** Forgets every text (a new chunk starts: its buffer holds other bytes). */
  void clear() {
    if (++current == Integer.MAX_VALUE) { // a followed log's batches are chunks too: years of them
      java.util.Arrays.fill(generation, 0);
      current = 1;
    }
  }

  /** The slot of the text {@code b[start, end)}. */
  static int slot(byte[] b, int start, int end) {
    int len = end - start;
    long h = len;
    if (len > 16) {
      // Four eight-byte words spread over the text, the first and the last included: texts that
      // share a prefix (a site's referrers, a browser's agents) differ at their end or middle.
      int third = (len - 8) / 3;
      h = (h ^ (long) LONGS.get(b, start)) * MIX;
      h = (h ^ (long) LONGS.get(b, start + third)) * MIX;
      h = (h ^ (long) LONGS.get(b, end - 8 - third)) * MIX;
      h = (h ^ (long) LONGS.get(b, end - 8)) * MIX;
    } else if (len >= 8) {
      // The first and the last word cover every byte.
      h = (h ^ (long) LONGS.get(b, start)) * MIX;
      h = (h ^ (long) LONGS.get(b, end - 8)) * MIX;
    } else {
      for (int i = start; i < end; i++) {
        h = (h ^ b[i]) * MIX;
      }
    }
    return (int) (h >>> (64 - BITS));
  }

  /** The value stored for the text {@code b[start, end)} in {@code slot}, or {@link #MISS}. */
  int find(byte[] b, int start, int end, int slot) {
    if (generation[slot] != current) {
      return MISS;
    }
    int f = from[slot];
    int len = end - start;
    return to[slot] - f == len && ChunkKeys.same(b, f, start, len) ? value[slot] : MISS;
  }

  /** Stores {@code v} for the text {@code b[start, end)} in {@code slot}, replacing its text. */
  void put(int slot, int start, int end, int v) {
    from[slot] = start;
    to[slot] = end;
    value[slot] = v;
    generation[slot] = current;
  }
}
