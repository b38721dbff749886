package dev.logmon.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A splitter of a byte stream, fed in chunks of any size, into complete UTF-8 lines.
 *
 * <p>Lines end at {@code \n}; one trailing {@code \r} is dropped. Invalid UTF-8 decodes to U+FFFD
 * and never throws. A partial last line stays buffered until its newline arrives or {@link
 * #flush()} is called. A line longer than {@code maxLineBytes} is emitted cut to the cap (at a
 * character boundary) and counted; the rest of it is skipped up to its newline without being
 * buffered, so memory stays bounded by the cap. The output does not depend on chunk boundaries.
 *
 * <p>Not thread-safe: one splitter belongs to the thread reading one file.
 */
public final class LineSplitter {
  /** The default line-length cap, 64 KiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

  private final int maxLineBytes;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  // The partial line; holds at most maxLineBytes + 1 bytes (room for a trailing \r).
  private byte[] partial = new byte[256];
  private int partialLength;
  private boolean skipping;
  private long lines;
  private long oversizeLines;
  // Told the number of each line cut to the cap, so its batch can mark it; null if nobody asks.
  private java.util.function.LongConsumer cutLines;

  /** A splitter with the default 64 KiB line cap. */
  public LineSplitter() {
    this(DEFAULT_MAX_LINE_BYTES);
  }

  /** A splitter that cuts lines longer than {@code maxLineBytes} bytes. */
  public LineSplitter(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Splits {@code buf[off, off+len)}, appending each line completed by it to {@code out}. */
  public void feed(byte[] buf, int off, int len, List<String> out) {
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
        // Fast path: the whole line is in this chunk, decode it in place.
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

  /** Returns the buffered unterminated tail as a line (at end of input), or empty if none. */
  public Optional<String> flush() {
    if (skipping) {
      skipping = false;
      return Optional.empty();
    }
    if (partialLength == 0) {
      return Optional.empty();
    }
    List<String> out = new java.util.ArrayList<>(1);
    emit(partial, 0, partialLength, out);
    partialLength = 0;
    return Optional.of(out.get(0));
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

  /** Tells {@code listener} the number of each line cut to the cap from now on. */
  void onCut(java.util.function.LongConsumer listener) {
    this.cutLines = listener;
  }

  /** Drops input up to and including the next newline, for starting in the middle of a line. */
  void discardUntilNewline() {
    partialLength = 0;
    skipping = true;
  }

  // Appends to the partial line; on overflow emits the cut line and returns false.
  private boolean append(byte[] buf, int off, int len, List<String> out) {
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
    emitCut(partial, 0, out);
    partialLength = 0;
    return false;
  }

  private void emit(byte[] buf, int off, int len, List<String> out) {
    if (len > 0 && buf[off + len - 1] == '\r') {
      len--;
    }
    if (len > maxLineBytes) {
      emitCut(buf, off, out);
    } else {
      lines++;
      out.add(decode(buf, off, len));
    }
  }

  private void emitCut(byte[] buf, int off, List<String> out) {
    oversizeLines++;
    lines++;
    if (cutLines != null) {
      cutLines.accept(lines);
    }
    out.add(decode(buf, off, Utf8.boundaryAtOrBefore(buf, off, maxLineBytes)));
  }

  private String decode(byte[] buf, int off, int len) {
    if (Utf8.isAscii(buf, off, len)) {
      return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(buf, off, len)).toString();
    } catch (CharacterCodingException e) {
      // Unreachable with REPLACE actions; kept total anyway.
      return new String(buf, off, len, StandardCharsets.UTF_8);
    }
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
