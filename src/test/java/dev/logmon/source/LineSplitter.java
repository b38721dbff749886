package dev.logmon.source;

import java.util.Objects;

/**
 * A splitter of a byte stream, fed in chunks of any size, into complete lines, as bytes: the
 * line-by-line oracle the sources' {@link BatchAssembler} is tested against.
 *
 * <p>Lines end at {@code \n}. A partial last line stays buffered until its newline arrives or
 * {@link #flush} is called. A line longer than {@code maxLineBytes} (not counting one trailing
 * {@code \r}) is emitted cut to the cap (at a UTF-8 character boundary) and counted; the rest of it
 * is skipped up to its newline without being buffered, so memory stays bounded by the cap. The
 * output does not depend on chunk boundaries. Lines are not decoded: the parser reads bytes.
 *
 * <p>Not thread-safe: one splitter belongs to the thread reading one file.
 */
public final class LineSplitter {
  /** The default line-length cap, 64 KiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = TailOptions.DEFAULT_MAX_LINE_BYTES;

  /** Where complete lines go. */
  @FunctionalInterface
  public interface Lines {
    /**
     * One line: {@code b[off, off + len)}, without its {@code \n} (a trailing {@code \r} kept);
     * {@code cut} when it was longer than the cap and this is its cut start. The bytes are valid
     * only during the call.
     */
    void line(byte[] b, int off, int len, boolean cut);
  }

  private final int maxLineBytes;
  // The partial line; holds at most maxLineBytes + 1 bytes (room for a trailing \r).
  private byte[] partial = new byte[256];
  private int partialLength;
  private boolean skipping;
  private long lines;
  private long oversizeLines;

  /** A splitter that cuts lines longer than {@code maxLineBytes} bytes. */
  public LineSplitter(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Splits {@code buf[off,off+len)}, handing each line completed by it to {@code out}. */
  public void feed(byte[] buf, int off, int len, Lines out) {
    Objects.checkFromIndexSize(off, len, buf.length);
    int end = off + len;
    int i = off;
    while (i < end) {
      int newline = indexOfNewline(buf, i, end);
      if (skipping) {
        if (newline < 0) {
          return;
        }
        skipping = false;
      } else if (partialLength == 0 && newline >= 0) {
        // Fast path: the whole line is in this chunk.
        emit(buf, i, newline - i, out);
      } else {
        int stop = newline < 0 ? end : newline;
        if (!append(buf, i, stop - i, out)) {
          skipping = newline < 0;
        } else if (newline >= 0) {
          emit(partial, 0, partialLength, out);
          partialLength = 0;
        }
      }
      if (newline < 0) {
        return;
      }
      i = newline + 1;
    }
  }

  /** Hands the buffered unterminated tail to {@code out} as a line (at end of input), if any. */
  public void flush(Lines out) {
    if (skipping) {
      skipping = false;
      return;
    }
    if (partialLength == 0) {
      return;
    }
    int n = partialLength;
    partialLength = 0;
    emit(partial, 0, n, out);
  }

  /** The number of lines emitted so far, which is also the number of the last line emitted. */
  public long lines() {
    return lines;
  }

  /** The number of lines that were cut to the cap. */
  public long oversizeLines() {
    return oversizeLines;
  }

  /** The number of bytes of an unterminated line held now. */
  public int bufferedBytes() {
    return partialLength;
  }

  /** Whether the rest of an oversize line is being skipped up to its newline. */
  boolean skipping() {
    return skipping;
  }

  /** Drops input up to and including the next newline, for starting in the middle of a line. */
  void discardUntilNewline() {
    partialLength = 0;
    skipping = true;
  }

  // Appends to the partial line; on overflow emits the cut line and returns false.
  private boolean append(byte[] buf, int off, int len, Lines out) {
    int room = maxLineBytes + 1 - partialLength;
    if (len <= room) {
      ensureCapacity(partialLength + len);
      System.arraycopy(buf, off, partial, partialLength, len);
      partialLength += len;
      return true;
    }
    // More than maxLineBytes + 1 bytes before the newline: oversize whatever the last byte is.
    int needed = Math.max(0, maxLineBytes - partialLength);
    ensureCapacity(partialLength + needed);
    System.arraycopy(buf, off, partial, partialLength, needed);
    partialLength = 0;
    emitCut(partial, 0, out);
    return false;
  }

  private void emit(byte[] buf, int off, int len, Lines out) {
    int content = len > 0 && buf[off + len - 1] == '\r' ? len - 1 : len;
    if (content > maxLineBytes) {
      emitCut(buf, off, out);
    } else {
      lines++;
      out.line(buf, off, len, false);
    }
  }

  private void emitCut(byte[] buf, int off, Lines out) {
    oversizeLines++;
    lines++;
    out.line(buf, off, LineBytes.boundaryAtOrBefore(buf, off, maxLineBytes), true);
  }

  private void ensureCapacity(int needed) {
    if (needed > partial.length) {
      int size = Math.max(needed, Math.min(partial.length * 2, maxLineBytes + 1));
      partial = java.util.Arrays.copyOf(partial, size);
    }
  }

  private static int indexOfNewline(byte[] buf, int from, int end) {
    for (int i = from; i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
