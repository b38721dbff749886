package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One log file held open by a {@link FileTailer}: channel, identity, read offset and line state.
 *
 * <p>Lines, bytes and oversize lines are added to the tailer's {@link TailCounters}. Not
 * thread-safe: belongs to the tailer's thread.
 */
final class OpenFile implements AutoCloseable {
  private final FileChannel channel;
  private final TailOptions options;
  private final TailCounters counters;
  private FileIdentity identity;
  private BatchAssembler assembler;
  private long offset;
  private boolean skipNul;

  /** Takes over {@code channel}; reads from its end if {@code atEnd}, else from its start. */
  OpenFile(
      FileChannel channel, Object fileKey, boolean atEnd, TailOptions options, TailCounters counters)
      throws IOException {
    this.channel = channel;
    this.options = options;
    this.counters = counters;
    this.identity = FileIdentity.of(channel, fileKey);
    this.assembler = newAssembler();
    this.offset = atEnd ? TailStart.of(channel, options.maxLineBytes(), assembler) : 0;
  }

  /** Whether {@code fileKey} (of whatever the path names now) is this file. */
  boolean isFile(Object fileKey) {
    return identity.sameKey(fileKey);
  }

  /** Whether the file shrank below our offset or its first bytes changed (copytruncate). */
  boolean wasTruncated() throws IOException {
    return channel.size() < offset || !identity.prefixUnchanged(channel);
  }

  /** Flushes what was read, then starts over at offset 0 of the rewritten file. */
  void restart(BatchSink sink) throws IOException, InterruptedException {
    retire(sink);
    identity = FileIdentity.of(channel, identity.fileKey());
    assembler = newAssembler();
    offset = 0;
    skipNul = true; // copytruncate with a writer not in append mode leaves a hole of NULs
  }

  /**
   * Reads and delivers up to {@code maxReads} buffers from the offset.
   *
   * @return true if it stopped because the file was rewritten in place since the last check
   */
  boolean read(BatchSink sink, ByteBuffer buffer, int maxReads)
      throws IOException, InterruptedException {
    byte[] array = buffer.array();
    boolean rewritten = false;
    for (int reads = 0; reads < maxReads; reads++) {
      buffer.clear();
      int n = channel.read(buffer, offset);
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
      counters.bytes += n;
      int start = 0;
      if (skipNul) {
        while (start < n && array[start] == 0) {
          start++;
        }
        skipNul = start == n;
      }
      assembler.feed(array, start, n - start);
      deliver(sink, false);
    }
    deliver(sink, true);
    counters.oversizeCurrent = assembler.oversizeLines();
    return rewritten;
  }

  /** Reads to the end, delivers the unterminated tail as a line too, and closes. */
  void drain(BatchSink sink, ByteBuffer buffer) throws IOException, InterruptedException {
    try {
      read(sink, buffer, Integer.MAX_VALUE);
    } finally {
      retire(sink);
      close();
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a read-only channel loses nothing.
    }
  }

  private void retire(BatchSink sink) throws InterruptedException {
    assembler.endOfInput();
    deliver(sink, true);
    counters.oversizeBase += assembler.oversizeLines();
    counters.oversizeCurrent = 0;
  }

  private void deliver(BatchSink sink, boolean all) throws InterruptedException {
    counters.lines += assembler.deliver(sink, all);
  }

  private BatchAssembler newAssembler() {
    return new BatchAssembler(
        options.displayName(), options.maxLineBytes(), options.maxBatchLines());
  }
}
