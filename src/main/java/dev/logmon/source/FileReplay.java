package dev.logmon.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A reader of a whole file or stream, start to end, as fast as the sink takes its batches.
 *
 * <p>Uses 1 MiB reads and the {@link LineSplitter} rules; the final unterminated line is included.
 * Batches are full ({@code maxBatchLines}) except the last. Stateless between calls and
 * thread-safe; each call reads on the calling thread.
 */
public final class FileReplay {
  private static final int READ_BUFFER_BYTES = 1024 * 1024;

  private final int maxLineBytes;
  private final int maxBatchLines;

  /** A replay with the default line cap and batch size. */
  public FileReplay() {
    this(LineSplitter.DEFAULT_MAX_LINE_BYTES, TailOptions.DEFAULT_MAX_BATCH_LINES);
  }

  /** A replay with the given line cap and batch size. */
  public FileReplay(int maxLineBytes, int maxBatchLines) {
    if (maxLineBytes < 1 || maxBatchLines < 1) {
      throw new IllegalArgumentException(
          "limits must be >= 1: maxLineBytes=" + maxLineBytes + ", maxBatchLines=" + maxBatchLines);
    }
    this.maxLineBytes = maxLineBytes;
    this.maxBatchLines = maxBatchLines;
  }

  /**
   * Reads {@code file} (decompressed if gzip) to its end into {@code sink}; returns the number of
   * lines delivered.
   */
  public long replay(Path file, BatchSink sink) throws IOException, InterruptedException {
    try (InputStream in = LogFiles.open(file)) {
      return replay(in, file.toString(), sink);
    }
  }

  /** Reads {@code in} to its end into {@code sink}, naming batches {@code name}. */
  public long replay(InputStream in, String name, BatchSink sink)
      throws IOException, InterruptedException {
    BatchAssembler assembler = new BatchAssembler(name, maxLineBytes, maxBatchLines);
    byte[] buf = new byte[READ_BUFFER_BYTES];
    long delivered = 0;
    int n;
    try {
      // read, not readNBytes: a read error then loses nothing that was already read.
      while ((n = in.read(buf, 0, buf.length)) >= 0) {
        assembler.feed(buf, 0, n);
        delivered += assembler.deliver(sink, false);
      }
    } catch (IOException e) {
      // A read error (a truncated gzip) ends the input here: what was read is delivered first.
      assembler.endOfInput();
      assembler.deliver(sink, true);
      throw e;
    }
    assembler.endOfInput();
    return delivered + assembler.deliver(sink, true);
  }

  /**
   * The batches of {@code in}, read lazily as the iterator advances; the caller closes {@code in}.
   * Read failures surface as {@link UncheckedIOException}.
   */
  public Iterator<LineBatch> batches(InputStream in, String name) {
    Objects.requireNonNull(in, "in");
    BatchAssembler assembler = new BatchAssembler(name, maxLineBytes, maxBatchLines);
    return new Iterator<>() {
      private final byte[] buf = new byte[READ_BUFFER_BYTES];
      private boolean ended;
      private LineBatch next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          next = assembler.next(ended);
          if (next != null || ended) {
            break;
          }
          readChunk();
        }
        return next != null;
      }

      @Override
      public LineBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        LineBatch batch = next;
        next = null;
        return batch;
      }

      private void readChunk() {
        try {
          int n = in.readNBytes(buf, 0, buf.length);
          if (n > 0) {
            assembler.feed(buf, 0, n);
          } else {
            ended = true;
            assembler.endOfInput();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
