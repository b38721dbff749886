package dev.logmon.source;

import dev.logmon.source.SourceStatus.State;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * One file matched by a {@link GlobWatcher}, followed by its identity (device and inode, confirmed
 * by its first bytes) under whatever name it has: renamed, it keeps its reader and offset.
 *
 * <p>Its batches keep the name it was first seen under, so line numbers and per-file parser state
 * run on across renames; its status shows its current name. A plain file is held open while it is
 * followed, so its end can be read after it was renamed out of the glob or deleted; when the
 * descriptor limit is reached it may be parked (closed, with identity, offset and partial line
 * kept) and opened again in turn when it has grown. A gzip file is read once, start to end (or from
 * where a known file it copies was left), or skipped as a copy of a file being read (see {@link
 * GlobWatcher} for the rules). Not thread-safe: belongs to the watcher's thread.
 */
final class GlobFile {
  /** Where a file stands. */
  enum Phase {
    /** Not opened yet. */
    NEW,
    /** A plain file, open or parked. */
    PLAIN,
    /** A gzip file, open, whose text has not been compared with the known files yet. */
    UNDECIDED,
    /** A gzip file being read. */
    COMPRESSED,
    /** Read, skipped or let go: nothing more to do. */
    FINISHED
  }

  private final Object key;
  private final TailOptions options;
  private final TailCounters counters;
  private final boolean tracking;
  private final long endAtFirstLook;
  private final boolean oldContentWanted;
  private Path path;
  private String name; // path, absolute and normalized: the key of its positions
  private Phase phase = Phase.NEW;
  private FileChannel channel; // held from opening until a gzip file is read or skipped
  private OpenFile file;
  private CompressedFile gz;
  private long size;
  private int unseen;
  private boolean renamed;
  // With tracking: the name its positions are saved under (its batches carry it), null until the
  // first is sent. It changes only in announce, so no other file's saved position is replaced.
  private String announcedAs;
  private boolean waitingForDescriptor;
  long lastRead;

  /**
   * A file first listed at {@code path} with {@code attrs}. Old content (before this first look) is
   * skipped if {@code skipOldContent}: a plain file is read from the size it has now, a gzip file
   * not at all. Positions are put in batches if {@code tracking}.
   */
  GlobFile(
      Object key,
      Path path,
      BasicFileAttributes attrs,
      boolean skipOldContent,
      TailOptions options,
      boolean tracking) {
    this.key = key;
    this.path = path;
    this.name = nameOf(path);
    this.options = options;
    this.counters = new TailCounters(path.toString());
    this.tracking = tracking;
    this.endAtFirstLook = skipOldContent ? attrs.size() : -1;
    this.oldContentWanted = !skipOldContent;
    this.size = attrs.size();
    counters.state = State.NOT_OPENED;
    counters.publish();
  }

  Object key() {
    return key;
  }

  Path path() {
    return path;
  }

  Phase phase() {
    return phase;
  }

  SourceStatus status() {
    return counters.status();
  }

  /** The walk listed the file (again) at {@code newPath} with {@code attrs}. */
  void seen(Path newPath, BasicFileAttributes attrs) {
    unseen = 0;
    size = attrs.size();
    if (!newPath.equals(path)) {
      path = newPath;
      name = nameOf(newPath);
      counters.rename(newPath.toString());
      counters.rotations++;
      renamed = true;
    }
  }

  /** The walk did not list the file; true once that happened twice in a row (it is gone). */
  boolean unseen() {
    return ++unseen >= 2;
  }

  /** Whether it needs a descriptor now: never opened, or parked with something new to read. */
  boolean needsOpening() {
    return phase == Phase.NEW
        || (phase == Phase.PLAIN && file.parked() && (size != file.offset() || renamed));
  }

  /** Whether it is queued for a descriptor; set by the watcher. */
  boolean waiting() {
    return waitingForDescriptor;
  }

  void waiting(boolean w) {
    waitingForDescriptor = w;
  }

  /**
   * Opens the file if it needs it and a descriptor is to be had.
   *
   * @return false if it must wait for a descriptor
   */
  boolean open(GlobContext ctx) {
    if (!needsOpening()) {
      return true;
    }
    if (!ctx.descriptors().tryAcquire()) {
      return false;
    }
    FileChannel opened;
    try {
      opened = FileChannel.open(path, StandardOpenOption.READ);
      BasicFileAttributes again = Files.readAttributes(path, BasicFileAttributes.class);
      if (!Objects.equals(again.fileKey(), key) && again.fileKey() != null) {
        opened.close(); // renamed or replaced since the walk: the next walk says where it is
        ctx.descriptors().release();
        return true;
      }
    } catch (NoSuchFileException e) {
      ctx.descriptors().release();
      return true; // gone since the walk: the next walks tell
    } catch (IOException e) {
      ctx.descriptors().release();
      if (DescriptorLimit.isExhausted(e)) {
        ctx.descriptors().refused(ctx.notes());
        return false;
      }
      fail(ctx, e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e));
      return true;
    }
    try {
      opened(opened, ctx);
    } catch (IOException e) {
      closeChannel(ctx, opened);
      fail(ctx, String.valueOf(e));
    }
    return true;
  }

  private void opened(FileChannel opened, GlobContext ctx) throws IOException {
    if (counters.recovered()) {
      ctx.notes().accept("reading " + path + " again");
    }
    if (phase == Phase.PLAIN) {
      file.unpark(opened); // a rewrite while parked shows as a truncation when read
      counters.state = State.FOLLOWING;
      return;
    }
    if (CompressedFile.isGzip(opened)) {
      channel = opened;
      phase = Phase.UNDECIDED;
      return;
    }
    KnownFiles.Known known = ctx.known().take(key, opened);
    // A saved position holds its name in the state file; one this run let go may have lost it.
    announcedAs = known != null && known.counters() == null ? known.at().path() : null;
    file =
        new OpenFile(
            opened,
            key,
            known != null ? -1 : endAtFirstLook,
            options,
            counters,
            tracking ? (announcedAs != null ? announcedAs : trackAs()) : null);
    if (known != null) {
      file.seek(known.at()); // met before (under another name, or before a restart): go on there
      if (known.counters() != null) {
        counters.continueFrom(known.counters()); // let go this run: one source, not two
      }
    }
    phase = Phase.PLAIN;
    renamed = false;
    counters.state = State.FOLLOWING;
  }

  /** Takes note that an open file's rename was seen (a parked one is opened again for it). */
  void trackRename() {
    if (phase == Phase.PLAIN && !file.parked()) {
      renamed = false;
    }
  }

  /**
   * Whether its position is due under its current name: it was opened (and is not at the name of
   * its saved position) or renamed since, with tracking. Its position goes out before any line.
   */
  boolean announcing() {
    return tracking && phase == Phase.PLAIN && !trackAs().equals(announcedAs);
  }

  /** The name its positions are saved under, or null before the first was sent. */
  String announcedAs() {
    return announcedAs;
  }

  /** The name it has now, which {@link #announce} saves its positions under. */
  String currentName() {
    return trackAs();
  }

  /**
   * Saves its positions under its current name from now on, sending its position there now; the
   * watcher calls it only once no other file's saved position is under that name ({@link
   * GlobWatcher}).
   */
  void announce(BatchSink sink) throws InterruptedException {
    file.trackAs(trackAs());
    sink.put(file.marker());
    announcedAs = trackAs();
  }

  /** Reads what is new of an open plain file or a gzip file being read; returns lines delivered. */
  long read(GlobContext ctx, BatchSink sink, long pollNumber) throws InterruptedException {
    long before = counters.lines;
    long bytesBefore = counters.bytes;
    try {
      // A new file waiting for its name to be free is read once its position can be saved.
      if (phase == Phase.PLAIN && !file.parked() && !(tracking && announcedAs == null)) {
        if (file.wasTruncated()) {
          truncated(ctx, sink);
        }
        if (file.read(sink, OpenFile.SIZE_UNKNOWN)) {
          truncated(ctx, sink);
          file.read(sink, OpenFile.SIZE_UNKNOWN);
        }
      } else if (phase == Phase.COMPRESSED) {
        // Ending early, it is still being written (or truncated): read on as it grows.
        if (gz.read(sink) == CompressedFile.Progress.DONE) {
          finish(ctx, null);
        }
      }
    } catch (IOException e) {
      if (phase == Phase.COMPRESSED) {
        finish(ctx, null);
      }
      fail(ctx, String.valueOf(e));
    }
    if (counters.bytes > bytesBefore) {
      lastRead = pollNumber;
    }
    counters.publish();
    return counters.lines - before;
  }

  /** Whether it could be parked now: a plain file open and read to its end. */
  boolean parkable() {
    return phase == Phase.PLAIN && !file.parked() && file.atEnd();
  }

  /** Closes the file to free its descriptor; it is opened again in turn when it has grown. */
  void park(GlobContext ctx) {
    size = file.offset(); // read to its end: opened again once a walk sees it grow
    file.park();
    ctx.descriptors().release();
  }

  /** Its position now (identity and offset), or null if it was never opened as a plain file. */
  FilePosition position() {
    return phase == Phase.PLAIN ? file.position(trackAs()) : null;
  }

  /** Reads or skips a gzip file as decided ({@link CompressedCopies}). */
  void decide(GlobContext ctx, byte[] text, List<FilePosition> plain) throws IOException {
    CompressedCopies.Decision d =
        CompressedCopies.decide(path, text, plain, ctx.known(), oldContentWanted);
    if (d.note() != null) {
      ctx.notes().accept(d.note());
    }
    if (!d.read()) {
      closeChannel(ctx, channel);
      channel = null;
      finish(ctx, d.detail());
      return;
    }
    gz =
        new CompressedFile(
            channel, key, text, d.from(), options, counters, tracking ? trackAs() : null);
    channel = null; // the reader owns it now
    phase = Phase.COMPRESSED;
    counters.state = State.FOLLOWING;
  }

  /** The open gzip file's channel, for reading its text's first bytes. */
  FileChannel undecidedChannel() {
    return channel;
  }

  /** The file is gone from the glob: reads what it still can, closes, and remembers it. */
  void retire(GlobContext ctx, BatchSink sink) throws InterruptedException {
    if (phase == Phase.PLAIN) {
      boolean wasOpen = !file.parked();
      if (wasOpen) {
        try {
          file.drain(sink);
        } catch (IOException e) {
          fail(ctx, String.valueOf(e));
        }
        file.park(); // drained and closed
        ctx.descriptors().release();
      }
      ctx.known().retire(file.position(trackAs()), wasOpen, counters);
    } else if (phase == Phase.COMPRESSED) {
      try {
        gz.drainToEnd(sink); // held open: read to its end though its name is gone
      } catch (IOException e) {
        fail(ctx, String.valueOf(e));
      }
      finish(ctx, null);
    } else if (channel != null) {
      closeChannel(ctx, channel);
      channel = null;
    }
    phase = Phase.FINISHED;
    counters.state = State.DONE;
    counters.publish();
  }

  private void finish(GlobContext ctx, String detail) {
    if (gz != null) {
      gz.close();
      gz = null;
      ctx.descriptors().release();
    }
    phase = Phase.FINISHED;
    counters.state = State.DONE;
    if (detail != null) {
      counters.lastError = detail;
    }
  }

  private void truncated(GlobContext ctx, BatchSink sink) throws IOException, InterruptedException {
    file.restart(sink);
    counters.truncations++;
    ctx.notes().accept(path + " truncated");
  }

  private void fail(GlobContext ctx, String reason) {
    String message = "cannot read " + path + ": " + reason;
    if (counters.fail(message)) {
      ctx.notes().accept(message);
    }
  }

  private static void closeChannel(GlobContext ctx, FileChannel c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // a read-only channel: nothing to lose
    }
    ctx.descriptors().release();
  }

  private String trackAs() {
    return name;
  }

  private static String nameOf(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /** Closes whatever is open (the watcher stops); a second call does nothing. */
  void close(GlobContext ctx) {
    if (phase == Phase.PLAIN && !file.parked()) {
      file.park(); // closed, and marked so
      ctx.descriptors().release();
    }
    if (gz != null) {
      finish(ctx, null);
    }
    closeChannel(ctx, channel);
    channel = null;
    counters.state = State.DONE;
    counters.publish();
  }
}
