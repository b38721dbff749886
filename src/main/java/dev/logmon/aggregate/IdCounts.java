package dev.logmon.aggregate;

import java.util.Arrays;

/**
 * A small map from id to a fixed number of long counters, for the keys of one second: open
 * addressing on int keys, entries stored densely so they can be walked in insertion order.
 *
 * <p>Cleared, not reallocated, when its bucket is reused. Not thread-safe.
 */
final class IdCounts {
  final int width;
  private int[] table = new int[16]; // entry + 1, 0 = empty
  int[] ids = new int[8];
  long[] values;
  int size;

  IdCounts(int width) {
    this.width = width;
    this.values = new long[8 * width];
  }

  /** The entry index of {@code id}, added with zero counters if absent; {@code isNew} via sign. */
  int entry(int id) {
    int mask = table.length - 1;
    for (int slot = KeyDictionary.mix(id) & mask; ; slot = (slot + 1) & mask) {
      int e = table[slot] - 1;
      if (e < 0) {
        return ~add(slot, id);
      }
      if (ids[e] == id) {
        return e;
      }
    }
  }

  void clear() {
    if (size > 0) {
      Arrays.fill(table, 0);
      Arrays.fill(values, 0, size * width, 0);
      size = 0;
    }
  }

  private int add(int slot, int id) {
    int e = size++;
    if (e == ids.length) {
      ids = Arrays.copyOf(ids, e * 2);
      values = Arrays.copyOf(values, e * 2 * width);
    }
    ids[e] = id;
    table[slot] = e + 1;
    if (size * 2 > table.length) {
      int[] t = new int[table.length * 2];
      int mask = t.length - 1;
      for (int k = 0; k < size; k++) {
        int s = KeyDictionary.mix(ids[k]) & mask;
        while (t[s] != 0) {
          s = (s + 1) & mask;
        }
        t[s] = k + 1;
      }
      table = t;
    }
    return e;
  }
}
