package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Where a {@link FileTailer} begins the files it opens: a saved position, the end of the file that
 * was there at startup (unless {@code fromStart}), or else the start.
 *
 * <p>Only a regular file present at the first look is old content; any file seen later is new. When
 * a saved position is resumed, the file at the path is opened (pinned) before a rotated-away file
 * is drained, so a rotation during that drain cannot make the tailer skip it. Not thread-safe:
 * belongs to the tailer's thread.
 */
final class StartPoint {
  private final boolean fromStart;
  private final FilePosition saved;
  private final Resume resume;
  private boolean looked;
  private Object startupKey;
  private boolean startAtEnd;
  private FilePosition resumeAt;
  private FileChannel pinned;
  private Object pinnedKey;

  /** {@code saved} is this path's saved position, or null; {@code resume} finds it again. */
  StartPoint(boolean fromStart, FilePosition saved, Resume resume) {
    this.fromStart = fromStart;
    this.saved = saved;
    this.resume = resume;
  }

  /**
   * At the first poll only: notes what the path names; with a saved position, drains the saved file
   * into {@code sink} if it was rotated away, or remembers where to resume the current one.
   */
  void firstLook(Path path, BasicFileAttributes attrs, BatchSink sink, ByteBuffer buffer)
      throws IOException, InterruptedException {
    if (looked) {
      return;
    }
    looked = true;
    // A directory's inode may be reused by a file created later, so only a regular file counts.
    boolean existing = attrs != null && attrs.isRegularFile();
    startupKey = existing ? attrs.fileKey() : null;
    startAtEnd = existing && !fromStart;
    if (saved != null) {
      startAtEnd = false; // whatever follows the saved position is new
      pin(path, attrs);
      resumeAt = resume.start(path, attrs, saved, sink, buffer);
    }
  }

  /** The channel pinned at the first look if it is the file with {@code fileKey}; once only. */
  FileChannel takePinned(Object fileKey) throws IOException {
    FileChannel channel = pinned;
    pinned = null;
    if (channel != null && !Objects.equals(fileKey, pinnedKey)) {
      channel.close();
      return null;
    }
    return channel;
  }

  private void pin(Path path, BasicFileAttributes attrs) throws IOException {
    if (attrs == null || !attrs.isRegularFile() || attrs.fileKey() == null) {
      return;
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    BasicFileAttributes again = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attrs.fileKey().equals(again.fileKey())) {
      channel.close(); // replaced meanwhile: the next poll sees the new file
      return;
    }
    pinned = channel;
    pinnedKey = attrs.fileKey();
  }

  /** Whether the file with {@code fileKey}, about to be opened, is read from its end. */
  boolean atEnd(Object fileKey) {
    boolean atEnd = startAtEnd && Objects.equals(fileKey, startupKey);
    startAtEnd = false;
    return atEnd;
  }

  /** Moves a just-opened file to the saved position if it is the saved file; once only. */
  void place(OpenFile file, Object fileKey) {
    if (resumeAt != null && FileIdentity.keyMatches(fileKey, resumeAt)) {
      file.seek(resumeAt);
    }
    resumeAt = null;
  }
}
