package dev.logmon.source;

import dev.logmon.source.SourceStatus.State;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
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
public final class FileTailer implements AutoCloseable {
  private static final int READ_BUFFER_BYTES = 64 * 1024;
  // Bounds one poll to 4 MiB so a file growing faster than we read still gets its identity checked.
  private static final int MAX_READS_PER_POLL = 64;

  private final Path path;
  private final TailOptions options;
  private final Consumer<String> notes;
  private final String name;
  private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private final TailCounters counters;
  private final String trackAs;
  private final StartPoint start;

  private OpenFile file;
  private boolean waitingNoted;
  private boolean vanished;
  private long bytesThisPoll;

  /** A tailer of {@code path}; {@code notes} receives human-readable notes and warnings. */
  public FileTailer(Path path, TailOptions options, Consumer<String> notes) {
    this(path, options, notes, null);
  }

  /**
   * A tailer that resumes from {@code saved} (positions by absolute path; null for none, not
   * tracking positions) and puts its position in every batch.
   */
  public FileTailer(
      Path path, TailOptions options, Consumer<String> notes, Map<String, FilePosition> saved) {
    this.trackAs = saved == null ? null : path.toAbsolutePath().normalize().toString();
    this.path = Objects.requireNonNull(path, "path");
    this.options = Objects.requireNonNull(options, "options");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.name = options.displayName();
    this.counters = new TailCounters(name);
    this.start =
        new StartPoint(
            options.fromStart(),
            saved == null ? null : saved.get(trackAs),
            new Resume(options, counters, notes));
  }

  /** The path followed. */
  public Path path() {
    return path;
  }

  /** The latest status snapshot; callable from any thread. */
  public SourceStatus status() {
    return counters.status();
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
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    try (ChangeSignal changes = ChangeSignal.forFile(path)) {
      PollLoop.run(
          into -> {
            pollOnce(into);
            return bytesThisPoll;
          },
          sink,
          pollInterval,
          stop,
          this::close,
          changes);
    }
  }

  /** Closes the open file, if any; an unterminated last line is not delivered. */
  @Override
  public void close() {
    if (file != null) {
      file.close();
      file = null;
    }
    counters.state = State.DONE;
    counters.publish();
  }

  private void poll(BatchSink sink) throws IOException, InterruptedException {
    BasicFileAttributes attrs = stat();
    start.firstLook(path, attrs, sink, buffer);
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
    if (file != null && !file.isFile(attrs.fileKey())) {
      drain(sink);
      counters.rotations++;
      notes.accept(name + " rotated");
      rotated = true;
    }
    if (file == null && !open(attrs, sink)) {
      return;
    }
    if (file.wasTruncated()) {
      truncated(sink);
    }
    if (file.read(sink, buffer, MAX_READS_PER_POLL)) {
      truncated(sink);
      file.read(sink, buffer, MAX_READS_PER_POLL);
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
    FileChannel channel = start.takePinned(key); // already open, even if rotated away since
    if (channel == null) {
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false; // vanished between stat and open: look again next poll
      } catch (AccessDeniedException e) {
        fail("permission denied");
        return false;
      }
      BasicFileAttributes again = stat();
      if (again == null || !Objects.equals(again.fileKey(), key)) {
        channel.close(); // replaced between stat and open: look again next poll
        return false;
      }
    }
    file = OpenFile.of(channel, key, start.atEnd(key), options, counters, trackAs);
    start.place(file, key);
    if (trackAs != null) {
      sink.put(file.marker()); // remembered even if no line arrives before logmon stops
    }
    waitingNoted = false;
    if (vanished) {
      // Rename+create seen between the rename and the create is still a rotation.
      counters.rotations++;
      vanished = false;
    }
    if (counters.recovered()) {
      notes.accept("reading " + name + " again");
    }
    return true;
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
      file.drain(sink, buffer);
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
