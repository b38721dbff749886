package dev.logmon.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * Picking up a saved {@link FilePosition} at a tailer's first look, after logmon was stopped.
 *
 * <p>If the path still names the saved file (same key and first bytes), reading continues at the
 * saved offset. If the file at the path has the same key but other first bytes, it was rewritten in
 * place (copytruncate), or deleted and its inode reused, and is read from its start. Otherwise the
 * saved file is looked for by identity among the regular files of the path's directory (whatever
 * the rotation named it): found, it is opened at the saved offset, to be read to its end before
 * anything else; either way the file now at the path is new and read from its start. Lines of a
 * file rotated away and already deleted, or of a second rotation while stopped, cannot be recovered
 * (a glob covering the rotated names can: see {@link GlobWatcher}). Reads no lines itself, so it
 * can run before the watcher threads start; its notes are handed to {@code notes} for later.
 */
final class Resume {
  private final String name;
  private final TailOptions options;
  private final TailCounters counters;
  private final Consumer<String> notes;

  /** What to do first: resume the file at the path at {@code at}, or drain {@code rotated}. */
  record Plan(FilePosition at, OpenFile rotated, String rotatedName) {}

  Resume(TailOptions options, TailCounters counters, Consumer<String> notes) {
    this.name = options.displayName();
    this.options = options;
    this.counters = counters;
    this.notes = notes;
  }

  /** Where reading begins: at the saved position, after draining the rotated file, or at 0. */
  Plan start(Path path, BasicFileAttributes attrs, FilePosition saved) throws IOException {
    if (attrs != null && attrs.isRegularFile() && FileIdentity.keyMatches(attrs.fileKey(), saved)) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        if (FileIdentity.prefixMatches(channel, saved) || sameText(channel, saved)) {
          return new Plan(saved, null, null);
        }
      }
      counters.truncations++;
      notes.accept(
          name + " was truncated or replaced while logmon was stopped; reading it from the start");
      return new Plan(null, null, null);
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null && Files.isDirectory(dir)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path candidate : entries) {
          OpenFile old = openIfSaved(candidate, saved);
          if (old != null) {
            return new Plan(null, old, candidate.toString());
          }
        }
      }
    }
    notes.accept(
        name
            + ": the file last read is gone (rotated and removed while logmon was stopped?);"
            + " reading "
            + name
            + " from its start");
    return new Plan(null, null, null);
  }

  /** Whether the open file is compressed and its text starts as the saved file's did. */
  private static boolean sameText(FileChannel channel, FilePosition saved) throws IOException {
    if (!CompressedFile.isGzip(channel)) {
      return false;
    }
    byte[] text = CompressedFile.textPrefix(channel);
    return text != null && FileIdentity.startsWith(text, saved);
  }

  /** The saved file, open at the saved offset, if {@code candidate} is it; else null. */
  private OpenFile openIfSaved(Path candidate, FilePosition saved) {
    FileChannel channel;
    Object key;
    try {
      BasicFileAttributes a = Files.readAttributes(candidate, BasicFileAttributes.class);
      key = a.fileKey();
      if (!a.isRegularFile() || !FileIdentity.keyMatches(key, saved)) {
        return null;
      }
      channel = FileChannel.open(candidate, StandardOpenOption.READ);
    } catch (IOException e) {
      return null; // unreadable or vanished: not ours to read
    }
    try {
      if (!FileIdentity.prefixMatches(channel, saved)) {
        channel.close();
        return null;
      }
      OpenFile old = new OpenFile(channel, key, -1, options, counters, saved.path());
      old.seek(saved);
      notes.accept(
          name
              + " was rotated while logmon was stopped; reading the rest of "
              + candidate
              + " first");
      return old;
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was lost by closing a read-only channel
      }
      notes.accept("cannot read the rest of " + candidate + ": " + e);
      return null;
    }
  }
}
