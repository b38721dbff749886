package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One log file held open by a {@link FileTailer}: channel, identity, read offset and line state.
 *
 * <p>Lines, bytes and oversize lines are added to the tailer's {@link TailCounters}. With a {@code
 * trackAs} path, batches carry their {@link FilePosition} and a restart sends a marker. Not
 * thread-safe: belongs to the tailer's thread.
 */
final class OpenFile implements AutoCloseable {
  /** Bytes a read asks for where the file's size is not known. */
  static final int READ_BYTES = 256 * 1024;

  /**
   * Bytes a poll reads at most: a file growing faster than it is read still has its identity
   * checked, and every file of a glob gets its turn.
   */
  static final int POLL_BYTES = 4 << 20;

  /** The size to pass to {@link #read} where it is not known. */
  static final long SIZE_UNKNOWN = Long.MAX_VALUE;

  private FileChannel channel; // null while parked
  private final TailOptions options;
  private final TailCounters counters;
  private String trackAs;
  private FileIdentity identity;
  private BatchAssembler assembler;
  private long offset;
  private boolean atEnd;
  private boolean drainedInsideLine;

  /**
   * Takes over {@code channel} (closing it if reading it fails); reads from the last line start
   * before {@code endAt} if that is not negative (see {@link TailStart}), else from its start.
   * Batches carry positions keyed by {@code trackAs} unless it is null.
   */
  OpenFile(
      FileChannel channel,
      Object fileKey,
      long endAt,
      TailOptions options,
      TailCounters counters,
      String trackAs)
      throws IOException {
    this.channel = channel;
    this.options = options;
    this.counters = counters;
    this.trackAs = trackAs;
    try {
      this.identity = FileIdentity.of(channel, fileKey);
      this.assembler = newAssembler();
      this.offset = endAt < 0 ? 0 : TailStart.of(channel, endAt, options.maxLineBytes(), assembler);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** Continues from a saved position in this file instead of where the constructor began. */
  void seek(FilePosition saved) {
    offset = saved.offset();
    if (saved.midLine()) {
      assembler.discardUntilNewline();
    }
  }

  /** A batch without lines holding where reading stands now; only when tracking positions. */
  LineBatch marker() {
    return assembler.marker(offset);
  }

  /**
   * Where reading would go on without losing or repeating a line (the start of an unterminated line
   * held), with the file's identity, under {@code path}.
   */
  FilePosition position(String path) {
    if (drainedInsideLine) {
      // Its unterminated last line was delivered: if it grows, skip the rest of that line.
      return identity.position(path, offset, true);
    }
    return assembler.resumeAt(identity.position(path, offset, false));
  }

  /** From now on, positions are saved under {@code path} (the file was renamed). */
  void trackAs(String path) {
    this.trackAs = path;
  }

  /** The byte offset read up to. */
  long offset() {
    return offset;
  }

  /** Whether the last read reached the end of the file (nothing more to read right now). */
  boolean atEnd() {
    return atEnd;
  }

  /** Closes the channel to free its descriptor, keeping identity, offset and partial line. */
  void park() {
    close();
    channel = null;
  }

  /** Whether the channel is closed by {@link #park}. */
  boolean parked() {
    return channel == null;
  }

  /**
   * Continues with {@code reopened}, the same file opened again after {@link #park}; a rewrite in
   * the meantime shows as a truncation ({@link #wasTruncated}).
   */
  void unpark(FileChannel reopened) {
    channel = reopened;
  }

  /** Whether {@code fileKey} (of whatever the path names now) is this file. */
  boolean isFile(Object fileKey) {
    return identity.sameKey(fileKey);
  }

  /** As {@link #wasTruncated(long)} with the size the file has now. */
  boolean wasTruncated() throws IOException {
    return wasTruncated(size());
  }

  /** The size the file has now. */
  long size() throws IOException {
    return channel.size();
  }

  /**
   * Whether the file, now {@code size} bytes long, shrank below our offset or its first bytes
   * changed (copytruncate). A file longer than our offset is checked by {@link #read} after it
   * reads, which any rewrite before that read shows through, so only a file of our size costs a
   * read of its first bytes here (rewritten up to our offset, it has nothing new to read).
   */
  boolean wasTruncated(long size) throws IOException {
    return size < offset || (size == offset && !identity.prefixUnchanged(channel));
  }

  /** Flushes what was read, then starts over at offset 0 of the rewritten file. */
  void restart(BatchSink sink) throws IOException, InterruptedException {
    retire(sink);
    identity = FileIdentity.of(channel, identity.fileKey());
    assembler = newAssembler();
    offset = 0;
    assembler.skipLeadingNuls(); // copytruncate with a writer not in append mode leaves a hole
    if (trackAs != null) {
      sink.put(marker()); // the old offset must not be saved for the rewritten file
    }
  }

  /**
   * Reads and delivers what is new, up to {@link #POLL_BYTES}, each read straight into the array of
   * the batch it becomes: the file's {@code size} (as a stat just found it) in one read, else
   * {@link #READ_BYTES} at a time until a short read.
   *
   * @return true if it stopped because the file was rewritten in place since the last check
   */
  boolean read(BatchSink sink, long size) throws IOException, InterruptedException {
    boolean rewritten = false;
    atEnd = false;
    for (long budget = POLL_BYTES; budget > 0 && !atEnd; ) {
      int want = (int) Math.min(size == SIZE_UNKNOWN ? READ_BYTES : size - offset, budget);
      if (want <= 0) {
        atEnd = true;
        break;
      }
      byte[] array = assembler.room(want);
      int n = channel.read(ByteBuffer.wrap(array, assembler.fill(), want), offset);
      atEnd = n < want || offset + n >= size;
      if (n <= 0) {
        break;
      }
      // Check after reading: if a copytruncate and new writes happened before this read, the
      // bytes are new content at a stale offset; drop them, they are re-read from offset 0.
      if (!identity.prefixUnchanged(channel)) {
        rewritten = true;
        break;
      }
      offset += n;
      budget -= n;
      counters.bytes += n;
      assembler.filled(n, offset);
      deliver(sink, true);
    }
    counters.oversizeCurrent = assembler.oversizeLines();
    return rewritten;
  }

  /**
   * Reads to the end, delivers the unterminated tail as a line too, and closes; {@link #position}
   * then lies after that line, inside it should the file grow.
   */
  void drain(BatchSink sink) throws IOException, InterruptedException {
    try {
      while (!read(sink, SIZE_UNKNOWN) && !atEnd) {
        // a poll's worth at a time, to its end
      }
    } finally {
      drainedInsideLine = assembler.insideLine();
      retire(sink);
      close();
    }
  }

  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a read-only channel loses nothing.
    }
  }

  private void retire(BatchSink sink) throws InterruptedException {
    assembler.endOfInput(offset);
    deliver(sink, true);
    counters.oversizeBase += assembler.oversizeLines();
    counters.oversizeCurrent = 0;
  }

  private void deliver(BatchSink sink, boolean all) throws InterruptedException {
    counters.lines += assembler.deliver(sink, all);
  }

  private BatchAssembler newAssembler() {
    return new BatchAssembler(
        options.displayName(),
        options.maxLineBytes(),
        options.maxBatchLines(),
        trackAs == null ? null : (at, midLine) -> identity.position(trackAs, at, midLine));
  }
}
