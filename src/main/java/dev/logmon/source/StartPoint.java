package dev.logmon.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link FileTailer} begins the files it opens: a saved position, the end the file had at
 * the first look (unless {@code fromStart}), or else the start.
 *
 * <p>Only a regular file present at the first look is old content, and only up to the size it had
 * then: whatever is written after the first look is read. The file is opened (pinned) at the first
 * look, so it is read even if it is rotated away before the first poll, and a rotation while a
 * rotated-away saved file is drained cannot make the tailer skip it. The first look reads no lines
 * and keeps its notes for the first poll, so every tailer of a run can take it before any of them
 * reports anything. Not thread-safe: belongs to the tailer's thread (the first look may run on the
 * thread that starts it).
 */
final class StartPoint {
  private final boolean fromStart;
  private final FilePosition saved;
  private final Resume resume;
  private final List<String> notes;
  private boolean looked;
  private Object startupKey;
  private long startupSize = -1;
  private FilePosition resumeAt;
  private OpenFile rotated;
  private String rotatedName;
  private FileChannel pinned;
  private Object pinnedKey;

  /**
   * {@code saved} is this path's saved position, or null; {@code resume} finds it again and writes
   * its notes into {@code notes}, which the tailer passes on at its first poll.
   */
  StartPoint(boolean fromStart, FilePosition saved, Resume resume, List<String> notes) {
    this.fromStart = fromStart;
    this.saved = saved;
    this.resume = resume;
    this.notes = notes;
  }

  /** Makes a start point whose resume notes are kept for {@link #takeNotes}. */
  static StartPoint of(
      boolean fromStart, FilePosition saved, TailOptions options, TailCounters counters) {
    List<String> held = new ArrayList<>();
    return new StartPoint(fromStart, saved, new Resume(options, counters, held::add), held);
  }

  /**
   * At the first call only: notes what the path names and its size; with a saved position, opens
   * the saved file if it was rotated away, or remembers where to resume the current one.
   */
  void firstLook(Path path, BasicFileAttributes attrs) throws IOException {
    if (looked) {
      return;
    }
    looked = true;
    // A directory's inode may be reused by a file created later, so only a regular file counts.
    boolean existing = attrs != null && attrs.isRegularFile();
    startupKey = existing ? attrs.fileKey() : null;
    startupSize = existing && !fromStart && saved == null ? attrs.size() : -1;
    pin(path, attrs);
    if (saved != null) {
      Resume.Plan plan = resume.start(path, attrs, saved);
      resumeAt = plan.at();
      rotated = plan.rotated();
      rotatedName = plan.rotatedName();
    }
  }

  /** Whether the first look was taken. */
  boolean looked() {
    return looked;
  }

  /** Notes from the first look, once. */
  List<String> takeNotes() {
    List<String> out = List.copyOf(notes);
    notes.clear();
    return out;
  }

  /** The saved file rotated away while stopped, open at the saved offset, to drain first; once. */
  OpenFile takeRotated() {
    OpenFile r = rotated;
    rotated = null;
    return r;
  }

  /** The name the rotated-away file had when found. */
  String rotatedName() {
    return rotatedName;
  }

  /**
   * The file the path named at the first look, opened then (so it is read even if it was rotated
   * away before the first poll, before whatever replaced it); null if none or taken; once only.
   */
  FileChannel takePinned() {
    FileChannel channel = pinned;
    pinned = null;
    return channel;
  }

  /** The key of the pinned file. */
  Object pinnedKey() {
    return pinnedKey;
  }

  private void pin(Path path, BasicFileAttributes attrs) throws IOException {
    if (attrs == null || !attrs.isRegularFile() || attrs.fileKey() == null) {
      return;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      return; // unreadable (permission, descriptors) or gone: the polls open it and say why
    }
    BasicFileAttributes again = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attrs.fileKey().equals(again.fileKey())) {
      channel.close(); // replaced meanwhile: the next poll sees the new file
      return;
    }
    pinned = channel;
    pinnedKey = attrs.fileKey();
  }

  /**
   * For the file with {@code fileKey}, about to be opened: the size it had at the first look if it
   * is read from there (its old content skipped), else -1 (read from its start); once only.
   */
  long endAtFirstLook(Object fileKey) {
    long end = Objects.equals(fileKey, startupKey) ? startupSize : -1;
    startupSize = -1;
    return end;
  }

  /**
   * The saved position to go on from if the just-opened file with {@code fileKey} is the saved
   * file, else null; once only.
   */
  FilePosition takeResume(Object fileKey) {
    FilePosition at =
        resumeAt != null && FileIdentity.keyMatches(fileKey, resumeAt) ? resumeAt : null;
    resumeAt = null;
    return at;
  }

  /** Closes what the first look opened and nobody took. */
  void close() {
    if (rotated != null) {
      rotated.close();
      rotated = null;
    }
    if (pinned != null) {
      try {
        pinned.close();
      } catch (IOException e) {
        // a read-only channel: nothing to lose
      }
      pinned = null;
    }
  }
}
