package dev.logmon.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a {@link GlobWatcher} can recognise when they turn up under another name or compressed:
 * those a state file says were read up to some offset, and those this run read and let go (the
 * newest {@link #MAX_RETIRED}). A file found here continues where it was left, never from its
 * start.
 *
 * <p>Plain files are found by key (device and inode) and confirmed by their first bytes, so a
 * reused inode is not mistaken for the old file; a compressed file is found by the first bytes of
 * its text alone, as compressing makes a new inode. Not thread-safe: belongs to the watcher.
 */
final class KnownFiles {
  /** How many files read and let go are remembered. */
  static final int MAX_RETIRED = 4096;

  /**
   * A known file: where reading stopped, whether that was its end when it went away, and the
   * counters it had then (null for a saved position), which it keeps if it is met again.
   */
  record Known(FilePosition at, boolean readToEnd, TailCounters counters) {}

  private final Map<String, List<FilePosition>> savedByKey = new HashMap<>();
  private final LinkedHashMap<String, Known> retired =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
          return size() > MAX_RETIRED;
        }
      };

  /** Knows the saved positions {@code saved} (from a state file; may be empty). */
  KnownFiles(Collection<FilePosition> saved) {
    for (FilePosition p : saved) {
      savedByKey.computeIfAbsent(String.valueOf(p.fileKey()), k -> new ArrayList<>()).add(p);
    }
  }

  /** Remembers a file this run read up to {@code at} and let go, with its {@code counters}. */
  void retire(FilePosition at, boolean readToEnd, TailCounters counters) {
    retired.put(String.valueOf(at.fileKey()), new Known(at, readToEnd, counters));
  }

  /**
   * Where to continue the open plain file with {@code fileKey} if it is a known file (its first
   * bytes confirm it): the furthest position known for it (with the counters of this run's reader,
   * if it was let go this run); it is forgotten here. Else null.
   */
  Known take(Object fileKey, FileChannel channel) throws IOException {
    String key = FileIdentity.keyText(fileKey);
    if (key == null) {
      return null; // without keys, only names identify files: nothing to find again
    }
    FilePosition best = null;
    TailCounters counters = null;
    Known r = retired.get(key);
    if (r != null && FileIdentity.prefixMatches(channel, r.at())) {
      retired.remove(key);
      best = r.at();
      counters = r.counters();
    }
    List<FilePosition> saved = savedByKey.get(key);
    if (saved != null) {
      for (FilePosition p : saved) {
        if ((best == null || p.offset() > best.offset())
            && FileIdentity.prefixMatches(channel, p)) {
          best = p;
        }
      }
      if (best != null) {
        savedByKey.remove(key); // claimed: a compressed copy must not read it a second time
      }
    }
    return best == null ? null : new Known(best, false, counters);
  }

  /**
   * The known file whose text a compressed file with first bytes {@code text} holds: a file let go
   * this run, or else a saved one (which it claims), the furthest position first; null if none.
   */
  Known copyOf(byte[] text) {
    Known found = null;
    for (Known k : retired.values()) {
      if (FileIdentity.startsWith(text, k.at())
          && (found == null || k.at().offset() > found.at().offset())) {
        found = k;
      }
    }
    if (found != null) {
      return found;
    }
    for (Iterator<List<FilePosition>> it = savedByKey.values().iterator(); it.hasNext(); ) {
      List<FilePosition> entries = it.next();
      for (FilePosition p : entries) {
        if (FileIdentity.startsWith(text, p)
            && (found == null || p.offset() > found.at().offset())) {
          found = new Known(p, false, null);
        }
      }
      if (found != null && entries.contains(found.at())) {
        it.remove();
        return found;
      }
    }
    return found;
  }
}
