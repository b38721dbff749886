package dev.logmon.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;

/**
 * A gzip-compressed log file being read once, start to end, by a follower (a rotated {@code
 * access.log.2.gz} matched by a glob, or named with {@code --from-start}): its decompressed text is
 * split into lines like any file's, and its compressed bytes are never taken for lines. It is
 * recognised by its magic bytes, not its name.
 *
 * <p>Offsets are in the decompressed text, so a position in it equals the position in the plain
 * file it was compressed from, and its identity's first bytes are those of the text. Each read
 * decompresses a bounded amount, so a large file does not hold up the other files of a glob. Not
 * thread-safe: belongs to its follower's thread.
 */
final class CompressedFile implements AutoCloseable {
  /** Decompressed bytes handled per read, so one poll stays short. */
  static final int BYTES_PER_READ = 4 << 20;

  private static final int BUFFER = 64 << 10;

  private final InputStream in;
  private final BatchAssembler assembler;
  private final TailCounters counters;
  private long skip;
  private long offset;
  private boolean skipMidLine;
  private boolean finished;

  /**
   * Takes over {@code channel}, whose text starts with {@code textPrefix}; reading begins at text
   * offset {@code from} (a saved or known position: what comes before was read) and batches carry
   * positions under {@code trackAs} unless it is null.
   */
  CompressedFile(
      FileChannel channel,
      Object fileKey,
      byte[] textPrefix,
      FilePosition from,
      TailOptions options,
      TailCounters counters,
      String trackAs)
      throws IOException {
    this.in =
        new GZIPInputStream(new BufferedInputStream(Channels.newInputStream(channel)), BUFFER);
    this.counters = counters;
    FileIdentity identity = FileIdentity.of(fileKey, textPrefix);
    this.assembler =
        new BatchAssembler(
            options.displayName(),
            options.maxLineBytes(),
            options.maxBatchLines(),
            trackAs == null ? null : (at, midLine) -> identity.position(trackAs, at, midLine));
    if (from != null) {
      skip = from.offset();
      skipMidLine = from.midLine();
    }
  }

  /** Whether the open file starts with the gzip magic bytes {@code 1f 8b}. */
  static boolean isGzip(FileChannel channel) throws IOException {
    ByteBuffer magic = ByteBuffer.allocate(2);
    while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
      // positional reads: the channel's own position stays at 0
    }
    return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
  }

  /**
   * The first bytes of the text (up to {@link FileIdentity#PREFIX_BYTES}), or null if the
   * compressed data ends before them (the file is still being written, or truncated).
   */
  static byte[] textPrefix(FileChannel channel) throws IOException {
    // Positional reads: the channel's own position stays at 0 for the reader that follows.
    InputStream raw =
        new InputStream() {
          private long at;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len), at);
            if (n > 0) {
              at += n;
            }
            return n;
          }
        };
    try (GZIPInputStream gz = new GZIPInputStream(raw, BUFFER)) {
      return gz.readNBytes(FileIdentity.PREFIX_BYTES);
    } catch (EOFException e) {
      return null;
    }
  }

  /** How far a read got. */
  enum Progress {
    /** Read its share; more follows. */
    MORE,
    /** The compressed data ends early: still being written, or truncated. */
    ENDS_EARLY,
    /** The whole text was read. */
    DONE
  }

  /**
   * Decompresses up to {@link #BYTES_PER_READ} more bytes and hands over the complete lines; at the
   * end of the text its unterminated last line too. Where the data ends early nothing is lost: a
   * later read goes on once more was written (or giving up on the file ends it).
   *
   * @throws IOException if the compressed data is corrupt; what was read before is delivered first
   */
  Progress read(BatchSink sink) throws IOException, InterruptedException {
    long budget = BYTES_PER_READ;
    try {
      while (skip > 0 && budget > 0) {
        long n = in.skip(Math.min(skip, budget));
        if (n <= 0) {
          // The text is shorter than the known position: nothing new in it.
          finish(sink);
          return Progress.DONE;
        }
        skip -= n;
        offset += n;
        budget -= n;
      }
      if (skipMidLine && skip == 0) {
        assembler.discardUntilNewline();
        skipMidLine = false;
      }
      while (budget > 0) {
        int want = (int) Math.min(BUFFER, budget);
        int n = in.read(assembler.room(want), assembler.fill(), want);
        if (n < 0) {
          finish(sink);
          return Progress.DONE;
        }
        offset += n;
        counters.bytes += n;
        budget -= n;
        assembler.filled(n, offset);
        counters.lines += assembler.deliver(sink, false);
      }
      return Progress.MORE;
    } catch (EOFException e) {
      // The inflater keeps its state: the next read goes on from here if more was written.
      return Progress.ENDS_EARLY;
    } catch (IOException e) {
      finish(sink); // the lines read before the error are counted
      throw e;
    } finally {
      if (!finished) {
        counters.lines += assembler.deliver(sink, true);
        counters.oversizeCurrent = assembler.oversizeLines();
      }
    }
  }

  /**
   * Reads the rest now (its name is gone, or it was replaced), and ends it where its data ends: the
   * last line is delivered even if the data was cut short.
   */
  void drainToEnd(BatchSink sink) throws IOException, InterruptedException {
    Progress p;
    do {
      p = read(sink);
    } while (p == Progress.MORE);
    if (p == Progress.ENDS_EARLY) {
      finish(sink);
    }
  }

  private void finish(BatchSink sink) throws InterruptedException {
    finished = true;
    assembler.endOfInput(offset);
    counters.lines += assembler.deliver(sink, true);
    counters.oversizeBase += assembler.oversizeLines();
    counters.oversizeCurrent = 0;
    close();
  }

  /** The text offset read up to. */
  long offset() {
    return offset;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // a read-only file: nothing to lose
    }
  }
}
