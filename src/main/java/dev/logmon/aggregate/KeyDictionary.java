package dev.logmon.aggregate;

import dev.logmon.parse.ChunkKeys;
import dev.logmon.parse.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary of keys (sections, clients, methods) to small dense ids, so counting is array
 * indexing. Keys are found either by String or, without making one, by the Latin-1 bytes of a range
 * of a buffer plus their precomputed {@code String.hashCode()}.
 *
 * <p>Ids are recycled: the owner {@link #release}s a key when nothing counts it any more, which
 * keeps the dictionary (and every array indexed by id) as small as the keys still in use. Open
 * addressing with linear probing and backward-shift deletion. Not thread-safe: owned by the
 * aggregator's thread.
 *
 * <p>Like {@link ChunkKeys}, it switches for good from String's hash to {@link KeyedHash} the first
 * time a probe runs longer than {@value ChunkKeys#FLOODED} slots: a log can make thousands of
 * sections share one String hash.
 */
final class KeyDictionary implements Names {
  private int[] table = new int[64]; // id + 1, 0 = empty
  // A key is kept once: as its Latin-1 bytes (nearly always), else as a String.
  private String[] keys = new String[32];
  private byte[][] latin1 = new byte[32][];
  private int[] hashes = new int[32];
  // Bumped each time an id is released, so a cached id can be checked for still naming its key.
  private int[] epochs = new int[32];
  private int[] free = new int[16];
  private int freeCount;
  private int nextId;
  private int size;
  private boolean flooded;

  /** One more than the largest id handed out so far: arrays indexed by id need this length. */
  int idLimit() {
    return nextId;
  }

  int size() {
    return size;
  }

  /**
   * How many times {@code id} has been released: an id looked up earlier still names the same key
   * while this has not changed.
   */
  int epoch(int id) {
    return epochs[id];
  }

  @Override
  public String key(int id) {
    byte[] k = latin1[id];
    return k != null ? new String(k, StandardCharsets.ISO_8859_1) : keys[id];
  }

  /** As {@code key(a).compareTo(key(b))}; Latin-1 text orders as its unsigned bytes. */
  @Override
  public int compare(int a, int b) {
    byte[] x = latin1[a];
    byte[] y = latin1[b];
    return x != null && y != null ? Arrays.compareUnsigned(x, y) : key(a).compareTo(key(b));
  }

  /** The id of {@code key}, added if absent. */
  int idOf(String key) {
    int h = flooded ? keyedHash(key) : mix(key.hashCode());
    int mask = table.length - 1;
    int probes = 0;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int id = table[slot] - 1;
      if (id < 0) {
        return isLatin1(key)
            ? insert(slot, null, key.getBytes(StandardCharsets.ISO_8859_1), h)
            : insert(slot, key, null, h);
      }
      if (hashes[id] == h && sameKey(id, key)) {
        return id;
      }
      if (++probes == ChunkKeys.FLOODED && !flooded) {
        rehashKeyed();
        return idOf(key);
      }
    }
  }

  /** The id of the ASCII text {@code b[from, to)} whose String hash is {@code rawHash}. */
  int idOf(byte[] b, int from, int to, int rawHash) {
    int h = flooded ? KeyedHash.of(b, from, to) : mix(rawHash);
    int mask = table.length - 1;
    int probes = 0;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int id = table[slot] - 1;
      if (id < 0) {
        return insert(slot, null, Arrays.copyOfRange(b, from, to), h);
      }
      byte[] k = latin1[id];
      if (hashes[id] == h && k != null && Arrays.equals(k, 0, k.length, b, from, to)) {
        return id;
      }
      if (++probes == ChunkKeys.FLOODED && !flooded) {
        rehashKeyed();
        return idOf(b, from, to, rawHash);
      }
    }
  }

  /** Whether keys made String hashes collide, so slots come from {@link KeyedHash}. */
  boolean flooded() {
    return flooded;
  }

  /** Forgets the key of {@code id}; the id may be handed out again. */
  void release(int id) {
    int mask = table.length - 1;
    int slot = hashes[id] & mask;
    while (table[slot] != id + 1) {
      slot = (slot + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    int hole = slot;
    for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int home = hashes[table[j] - 1] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = 0;
    keys[id] = null;
    latin1[id] = null;
    epochs[id]++;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = id;
    size--;
  }

  private int insert(int slot, String key, byte[] bytes, int h) {
    int id;
    if (freeCount > 0) {
      id = free[--freeCount];
    } else {
      id = nextId++;
      if (id == keys.length) {
        keys = Arrays.copyOf(keys, id * 2);
        hashes = Arrays.copyOf(hashes, id * 2);
        latin1 = Arrays.copyOf(latin1, id * 2);
        epochs = Arrays.copyOf(epochs, id * 2);
      }
    }
    keys[id] = key;
    hashes[id] = h;
    latin1[id] = bytes;
    table[slot] = id + 1;
    if (++size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private void rehashKeyed() {
    flooded = true;
    for (int id = 0; id < nextId; id++) {
      if (latin1[id] != null || keys[id] != null) {
        hashes[id] =
            latin1[id] != null
                ? KeyedHash.of(latin1[id], 0, latin1[id].length)
                : keyedHash(keys[id]);
      }
    }
    int[] t = new int[table.length];
    place(t);
    table = t;
  }

  /** The keyed hash of a key kept as a String: of its Latin-1 bytes, as a range would be hashed. */
  private static int keyedHash(String key) {
    byte[] b = key.getBytes(isLatin1(key) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    return KeyedHash.of(b, 0, b.length);
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    place(t);
    table = t;
  }

  private void place(int[] t) {
    int mask = t.length - 1;
    for (int e : table) {
      if (e != 0) {
        int slot = hashes[e - 1] & mask;
        while (t[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot] = e;
      }
    }
  }

  private boolean sameKey(int id, String key) {
    byte[] k = latin1[id];
    if (k == null) {
      return keys[id].equals(key);
    }
    if (k.length != key.length()) {
      return false;
    }
    for (int i = 0; i < k.length; i++) {
      if ((k[i] & 0xFF) != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** Spreads a String hash (weak in its low bits for short keys) over the table. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }
}
