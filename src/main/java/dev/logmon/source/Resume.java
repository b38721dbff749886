package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 * the rotation named it): found, its remainder is read first; either way the file now at the path
 * is new and read from its start. Lines of a file rotated away and already deleted, or of a second
 * rotation while stopped, cannot be recovered. Keeps no state between calls; runs on the tailer's
 * thread.
 */
final class Resume {
  private final String name;
  private final TailOptions options;
  private final TailCounters counters;
  private final Consumer<String> notes;

  Resume(TailOptions options, TailCounters counters, Consumer<String> notes) {
    this.name = options.displayName();
    this.options = options;
    this.counters = counters;
    this.notes = notes;
  }

  /**
   * Drains the saved file into {@code sink} if it was rotated away.
   *
   * @return the saved position if the path still names that file, else null (read from 0)
   */
  FilePosition start(
      Path path, BasicFileAttributes attrs, FilePosition saved, BatchSink sink, ByteBuffer buffer)
      throws IOException, InterruptedException {
    if (attrs != null && attrs.isRegularFile() && FileIdentity.keyMatches(attrs.fileKey(), saved)) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        if (FileIdentity.prefixMatches(channel, saved)) {
          return saved;
        }
      }
      counters.truncations++;
      notes.accept(
          name + " was truncated or replaced while logmon was stopped; reading it from the start");
      return null;
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null && Files.isDirectory(dir)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path candidate : entries) {
          if (drainIfSaved(candidate, saved, sink, buffer)) {
            return null;
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
    return null;
  }

  private boolean drainIfSaved(
      Path candidate, FilePosition saved, BatchSink sink, ByteBuffer buffer)
      throws InterruptedException {
    FileChannel channel;
    Object key;
    try {
      BasicFileAttributes a = Files.readAttributes(candidate, BasicFileAttributes.class);
      key = a.fileKey();
      if (!a.isRegularFile() || !FileIdentity.keyMatches(key, saved)) {
        return false;
      }
      channel = FileChannel.open(candidate, StandardOpenOption.READ);
    } catch (IOException e) {
      return false; // unreadable or vanished: not ours to read
    }
    try {
      if (!FileIdentity.prefixMatches(channel, saved)) {
        channel.close();
        return false;
      }
      notes.accept(
          name
              + " was rotated while logmon was stopped; reading the rest of "
              + candidate
              + " first");
      OpenFile old = new OpenFile(channel, key, false, options, counters, saved.path());
      old.seek(saved);
      old.drain(sink, buffer);
      counters.rotations++;
      return true;
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing was lost by closing a read-only channel
      }
      notes.accept("cannot read the rest of " + candidate + ": " + e);
      return true;
    }
  }
}
