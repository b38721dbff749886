package dev.logmon.aggregate;

import java.util.Arrays;

/**
 * Counters indexed directly by id, with the list of ids whose hits are not zero, so that a window
 * can add and remove a second's keys in constant time each and still walk only its live keys.
 *
 * <p>Each id has {@code width} counters; {@code hitsAt} names the one that says whether the key is
 * present. Not thread-safe.
 */
final class DenseCounts {
  private final int width;
  private final int hitsAt;
  private long[] values = new long[0];
  private int[] position = new int[0]; // index in active + 1, 0 = absent
  // As long as position, so it never fills: a branch for a full list, never taken by the warm-up,
  // was deoptimised by the first busier second (bench/README.md, seventh pass).
  private int[] active = new int[0];
  private int size;

  DenseCounts(int width, int hitsAt) {
    this.width = width;
    this.hitsAt = hitsAt;
  }

  /** Adds {@code sign} times the {@code width} counters at {@code from[at..]} to {@code id}. */
  void add(int id, long[] from, int at, int sign) {
    if (id >= position.length) {
      grow(id);
    }
    int base = id * width;
    for (int k = 0; k < width; k++) {
      values[base + k] += sign * from[at + k];
    }
    boolean present = values[base + hitsAt] != 0;
    int p = position[id];
    if (present && p == 0) {
      active[size++] = id;
      position[id] = size;
    } else if (!present && p != 0) {
      int last = active[--size];
      active[p - 1] = last;
      position[last] = p;
      position[id] = 0;
    }
  }

  /** Adds one hit with {@code a} and {@code b} as the first two counters (width 1 takes a). */
  void addOne(int id, long a, long b) {
    if (id >= position.length) {
      grow(id);
    }
    int base = id * width;
    values[base] += a;
    if (width > 1) {
      values[base + 1] += b;
    }
    if (position[id] == 0) {
      active[size++] = id;
      position[id] = size;
    }
  }

  long get(int id, int k) {
    return id < position.length ? values[id * width + k] : 0;
  }

  /** How many ids are present. */
  int size() {
    return size;
  }

  /** The {@code i}-th present id, in no particular order. */
  int activeId(int i) {
    return active[i];
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      int id = active[i];
      position[id] = 0;
      Arrays.fill(values, id * width, id * width + width, 0);
    }
    size = 0;
  }

  private void grow(int id) {
    int n = Math.max(id + 1, Math.max(64, position.length * 2));
    position = Arrays.copyOf(position, n);
    active = Arrays.copyOf(active, n);
    values = Arrays.copyOf(values, n * width);
  }
}
