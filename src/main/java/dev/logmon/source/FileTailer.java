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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A follower of one log path, like {@code tail -F}: survives rotation, truncation and deletion.
 *
 * <p>Each {@link #pollOnce} stats the path (following symlinks), then reads what is new. The file
 * is identified by {@link FileIdentity} (fileKey plus first bytes). A new identity at the path is a
 * rotation: the old channel is drained to its end, its unterminated tail flushed as a line, and the
 * new file read from offset 0. A file shorter than our offset, or whose first bytes changed, was
 * truncated (copytruncate): reading restarts at 0, skipping leading NUL padding. A vanished path is
 * drained and then waited for. A file that existed when following began is read from the start of
 * its last line (like {@code tail -f}) unless {@code fromStart}; any file seen later is new content
 * and read from its start. Line numbers count from where reading of the current file began. With
 * saved positions (a state file), a path with a saved entry resumes there (see {@link Resume}) and
 * every batch carries its {@link FilePosition}.
 *
 * <p>Thread-safety: {@code pollOnce}, {@code run} and {@code close} belong to one thread; {@link
 * #status()} may be called from any thread (it returns a snapshot published through a volatile).
 */
public final class FileTailer implements LogSource {
  private final Path path;
  private final TailOptions options;
  private final Consumer<String> notes;
  private final String name;
  private final TailCounters counters;
  private final String trackAs;
  private final StartPoint start;

  private final DescriptorLimit descriptors;

  private OpenFile file;
  // A gzip file at the path: read once (gz, until done) or skipped, never followed; by its key.
  private CompressedFile gz;
  private Object gzKey;
  private boolean waitingNoted;
  private boolean vanished;
  private long bytesThisPoll;

  /**
   * A tailer of {@code path}; {@code notes} receives human-readable notes and warnings. It resumes
   * from {@code saved} (positions by absolute path; null for none, not tracking positions) and puts
   * its position in every batch; failures to open for lack of file descriptors are noted once
   * through {@code descriptors}, shared by every watcher of the process.
   */
  public FileTailer(
      Path path,
      TailOptions options,
      Consumer<String> notes,
      Map<String, FilePosition> saved,
      DescriptorLimit descriptors) {
    this.descriptors = Objects.requireNonNull(descriptors, "descriptors");
    this.trackAs = saved == null ? null : path.toAbsolutePath().normalize().toString();
    this.path = Objects.requireNonNull(path, "path");
    this.options = Objects.requireNonNull(options, "options");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.name = options.displayName();
    this.counters = new TailCounters(name);
    this.start =
        StartPoint.of(
            options.fromStart(), saved == null ? null : saved.get(trackAs), options, counters);
  }

  /** The path followed. */
  public Path path() {
    return path;
  }

  /** The latest status snapshot; callable from any thread. */
  public SourceStatus status() {
    return counters.status();
  }

  @Override
  public List<SourceStatus> statuses() {
    return List.of(status());
  }

  /**
   * Takes the first look at the path: fixes where reading begins (the end the file has now, unless
   * {@code fromStart}, or the saved position) without reading a line or printing a note, so that
   * whatever is written from now on is read however late the watcher thread gets to it. Called by
   * the thread that starts following, before it reports anything; the first poll does it otherwise.
   */
  @Override
  public void start() {
    try {
      start.firstLook(path, stat());
    } catch (IOException e) {
      // The first poll looks again (firstLook is done) and reports what it finds.
    }
  }

  /**
   * Checks the path and reads what is new, handing complete lines to {@code sink} in batches of at
   * most {@code maxBatchLines}; never sleeps, but blocks while the sink is full.
   *
   * @return the number of lines delivered
   */
  public int pollOnce(BatchSink sink) throws InterruptedException {
    long linesBefore = counters.lines;
    long bytesBefore = counters.bytes;
    try {
      poll(sink);
    } catch (IOException e) {
      fail(describe(e));
    } finally {
      bytesThisPoll = counters.bytes - bytesBefore;
      counters.publish();
    }
    return (int) (counters.lines - linesBefore);
  }

  /**
   * Polls until {@code stop} says so, sleeping up to {@code pollInterval} after polls that read
   * nothing; a change event for the file ({@link ChangeSignal}) ends a sleep early.
   */
  @Override
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    try (ChangeSignal changes = ChangeSignal.forFile(path)) {
      PollLoop.run(
          into -> {
            pollOnce(into);
            // Read up to what the stat found: more written since wakes the sleep (a change event).
            return file != null && file.atEnd() ? -bytesThisPoll : bytesThisPoll;
          },
          sink,
          pollInterval,
          stop,
          this::close,
          changes,
          System::nanoTime);
    }
  }

  /** Closes the open file, if any; an unterminated last line is not delivered. */
  @Override
  public void close() {
    start.close();
    if (gz != null) {
      gz.close();
      gz = null;
    }
    if (file != null) {
      file.close();
      file = null;
    }
    counters.state = State.DONE;
    counters.publish();
  }

  private void poll(BatchSink sink) throws IOException, InterruptedException {
    BasicFileAttributes attrs = stat();
    if (!start.looked()) {
      start.firstLook(path, attrs);
    }
    start.takeNotes().forEach(notes);
    OpenFile rotatedAway = start.takeRotated();
    if (rotatedAway != null) {
      rotatedAway.drain(sink); // what it held before the current file's first line
      counters.rotations++;
    }
    if (attrs == null) {
      if (file != null) {
        drain(sink);
        notes.accept(name + " deleted; waiting for it to reappear");
        waitingNoted = true;
        vanished = true;
      } else if (!waitingNoted) {
        notes.accept("waiting for " + name + " to appear");
        waitingNoted = true;
      }
      counters.state = State.WAITING;
      return;
    }
    if (attrs.isDirectory()) {
      drain(sink);
      fail("is a directory");
      return;
    }
    boolean rotated = false;
    if (gzKey != null) {
      if (Objects.equals(attrs.fileKey(), gzKey)) {
        readCompressed(sink);
        return;
      }
      finishCompressed(sink); // replaced: what is left of it first, then the new file
      counters.rotations++;
      notes.accept(name + " rotated");
      rotated = true;
    }
    if (file != null && !file.isFile(attrs.fileKey())) {
      drain(sink);
      counters.rotations++;
      notes.accept(name + " rotated");
      rotated = true;
    }
    if (file == null && !open(attrs, sink)) {
      return;
    }
    // The stat describes the open file, unless that is the pinned one, rotated away before this
    // poll: then its own size counts (the next poll drains it and opens its successor).
    long size = file.isFile(attrs.fileKey()) ? attrs.size() : file.size();
    if (file.wasTruncated(size)) {
      truncated(sink);
    }
    if (file.read(sink, size)) {
      truncated(sink);
      file.read(sink, OpenFile.SIZE_UNKNOWN);
    }
    counters.state = rotated ? State.ROTATED : State.FOLLOWING;
  }

  private BasicFileAttributes stat() throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private boolean open(BasicFileAttributes attrs, BatchSink sink)
      throws IOException, InterruptedException {
    Object key = attrs.fileKey();
    FileChannel channel = start.takePinned(); // the file of the first look, even if rotated since
    if (channel != null) {
      key = start.pinnedKey();
    } else {
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false; // vanished between stat and open: look again next poll
      } catch (AccessDeniedException e) {
        fail("permission denied");
        return false;
      } catch (IOException e) {
        if (!DescriptorLimit.isExhausted(e)) {
          throw e;
        }
        descriptors.refused(notes); // noted once for the whole process; tried again each poll
        counters.state = State.NOT_OPENED;
        return false;
      }
      BasicFileAttributes again = stat();
      if (again == null || !Objects.equals(again.fileKey(), key)) {
        channel.close(); // replaced between stat and open: look again next poll
        return false;
      }
    }
    waitingNoted = false;
    if (CompressedFile.isGzip(channel)) {
      opened();
      openCompressed(channel, key, sink);
      return false;
    }
    file = new OpenFile(channel, key, start.endAtFirstLook(key), options, counters, trackAs);
    FilePosition resume = start.takeResume(key);
    if (resume != null) {
      file.seek(resume);
    }
    if (trackAs != null) {
      sink.put(file.marker()); // remembered even if no line arrives before logmon stops
    }
    opened();
    return true;
  }

  private void opened() {
    if (vanished) {
      // Rename+create seen between the rename and the create is still a rotation.
      counters.rotations++;
      vanished = false;
    }
    if (counters.recovered()) {
      notes.accept("reading " + name + " again");
    }
  }

  /**
   * A gzip file at the path is read once, from its start (or a saved position), if its lines are
   * wanted: it appeared after logmon started, or {@code fromStart}; else it is noted and skipped.
   */
  private void openCompressed(FileChannel channel, Object key, BatchSink sink)
      throws IOException, InterruptedException {
    gzKey = key;
    long endAt = start.endAtFirstLook(key);
    FilePosition resume = start.takeResume(key);
    if (endAt >= 0) {
      channel.close();
      counters.state = State.DONE;
      counters.lastError = "gzip-compressed: not followed";
      notes.accept(
          name
              + " is gzip-compressed: its lines are older than the start and it does not grow;"
              + " --from-start or --replay reads them");
      return;
    }
    byte[] text = CompressedFile.textPrefix(channel);
    gz =
        new CompressedFile(
            channel, key, text == null ? new byte[0] : text, resume, options, counters, trackAs);
    counters.state = State.FOLLOWING;
    readCompressed(sink);
  }

  private void readCompressed(BatchSink sink) throws InterruptedException {
    if (gz == null) {
      return;
    }
    try {
      // Ending early, it is still being written (or truncated): read on as it grows.
      if (gz.read(sink) == CompressedFile.Progress.DONE) {
        gz = null;
        counters.state = State.DONE;
      }
    } catch (IOException e) {
      gz = null;
      fail("not a readable gzip file: " + e.getMessage());
    }
  }

  private void finishCompressed(BatchSink sink) throws InterruptedException {
    try {
      if (gz != null) {
        gz.drainToEnd(sink); // the file was replaced: what is left of it before the new one
      }
    } catch (IOException e) {
      fail("not a readable gzip file: " + e.getMessage());
    }
    gz = null;
    gzKey = null;
  }

  private void truncated(BatchSink sink) throws IOException, InterruptedException {
    file.restart(sink);
    counters.truncations++;
    notes.accept(name + " truncated");
  }

  private void drain(BatchSink sink) throws InterruptedException {
    if (file == null) {
      return;
    }
    try {
      file.drain(sink);
    } catch (IOException e) {
      fail(describe(e));
    }
    file = null;
  }

  private void fail(String reason) {
    String message = "cannot read " + name + ": " + reason;
    if (counters.fail(message)) {
      notes.accept(message);
    }
  }

  private static String describe(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e);
  }
}
