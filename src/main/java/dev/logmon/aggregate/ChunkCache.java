package dev.logmon.aggregate;

import dev.logmon.parse.ParsedLines;
import java.util.Arrays;

/**
 * The dictionary ids of one key kind already looked up for the chunk being counted, by the chunk's
 * own key numbers ({@link ParsedLines#hostKey} and its kin): a text is hashed and compared once per
 * chunk, not once per line.
 *
 * <p>An entry is valid for one chunk only, and only while its id has not been released since (an id
 * may be released when a second leaves the ring and handed to another key); both are checked on
 * every read, so nothing is ever cleared. Not thread-safe: owned by the aggregator's thread.
 */
final class ChunkCache {
  private final KeyDictionary dictionary;
  private long chunk = -1;
  private int stamp;
  private int[] stamps = new int[256];
  private int[] ids = new int[256];
  private int[] epochs = new int[256];

  /** A cache of ids of {@code dictionary}. */
  ChunkCache(KeyDictionary dictionary) {
    this.dictionary = dictionary;
  }

  /**
   * The id cached for key {@code k} of chunk {@code l}, or -1; a chunk other than the last one
   * asked about starts afresh.
   */
  int find(ParsedLines l, int k) {
    if (l.chunk() != chunk) {
      chunk = l.chunk();
      stamp++;
    }
    if (k >= stamps.length) {
      int n = Math.max(k + 1, stamps.length * 2);
      stamps = Arrays.copyOf(stamps, n);
      ids = Arrays.copyOf(ids, n);
      epochs = Arrays.copyOf(epochs, n);
      return -1;
    }
    if (stamps[k] != stamp) {
      return -1;
    }
    int id = ids[k];
    return dictionary.epoch(id) == epochs[k] ? id : -1;
  }

  /** Caches {@code id} for key {@code k} of the current chunk and returns it. */
  int put(int k, int id) {
    stamps[k] = stamp;
    ids[k] = id;
    epochs[k] = dictionary.epoch(id);
    return id;
  }
}
