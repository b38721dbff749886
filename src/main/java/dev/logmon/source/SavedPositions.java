package dev.logmon.source;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The positions {@code --state} keeps: one entry per file (by device and inode), under the name it
 * was last read under.
 *
 * <p>A rotation renames files while their successors take the old names. When a successor's
 * position arrives under a name whose entry belongs to another file, that file has been renamed and
 * its position under the new name may not have arrived yet (a stop cut the poll short, or a listing
 * racing the rename missed it). Its entry is then kept as <em>displaced</em>: under a key no path
 * can take ({@link #displacedKey}), so a restart still finds it by identity wherever the file is
 * now, and a tailer of that name does not take it for its own. Overwriting it instead lost it, and
 * a restart read the whole file again. Not thread-safe: belongs to the pipeline thread.
 */
public final class SavedPositions {
  private static final char DISPLACED = '\0'; // no path contains it

  private final Map<String, FilePosition> entries = new TreeMap<>();
  private final Map<String, String> keyOfFile = new HashMap<>(); // fileKey -> entries' key

  /** Starts from {@code loaded}: keys as {@link StateFile#read} gives them. */
  public SavedPositions(Map<String, FilePosition> loaded) {
    loaded.forEach(this::put);
  }

  /** The key of a displaced entry: its file's identity, which a path never equals. */
  static String displacedKey(FilePosition p) {
    return DISPLACED + (p.fileKey() == null ? p.path() : p.fileKey());
  }

  /** Whether {@code key} holds a displaced entry. */
  static boolean isDisplaced(String key) {
    return !key.isEmpty() && key.charAt(0) == DISPLACED;
  }

  /** Records {@code end}, the position after lines counted; returns whether anything changed. */
  public boolean record(FilePosition end) {
    String path = end.path();
    if (end.equals(entries.get(path))) {
      return false;
    }
    if (end.fileKey() != null) {
      String old = keyOfFile.get(end.fileKey());
      if (old != null && !old.equals(path)) {
        remove(old); // the file's entry under its previous name, or displaced
      }
    }
    FilePosition there = entries.get(path);
    if (there != null && there.fileKey() != null && !there.fileKey().equals(end.fileKey())) {
      put(displacedKey(there), there); // renamed away; where to, a later position will say
    }
    put(path, end);
    return true;
  }

  /** Drops the entries of files gone for good ({@link StateFile#removeGone}); returns how many. */
  public int removeGone() {
    int n = StateFile.removeGone(entries);
    if (n > 0) {
      keyOfFile.values().removeIf(k -> !entries.containsKey(k));
    }
    return n;
  }

  /** The entries by key, for {@link StateFile#write}; a view. */
  public Map<String, FilePosition> entries() {
    return Collections.unmodifiableMap(entries);
  }

  private void put(String key, FilePosition p) {
    entries.put(key, p);
    if (p.fileKey() != null) {
      keyOfFile.put(p.fileKey(), key);
    }
  }

  private void remove(String key) {
    FilePosition p = entries.remove(key);
    if (p != null && p.fileKey() != null && key.equals(keyOfFile.get(p.fileKey()))) {
      keyOfFile.remove(p.fileKey());
    }
  }
}
