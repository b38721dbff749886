package dev.logmon.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers for cutting lines, shared by the sources, the chunk parser and the replay:
 * newline search, UTF-8 boundaries, decoding. Stateless and thread-safe.
 */
public final class LineBytes {
  /** Eight bytes of an array at once, for the word-at-a-time searches. */
  public static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LineBytes() {}

  /** The index of the first {@code \n} in {@code b[from, to)}, or -1: eight bytes a step. */
  public static int nextNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
      long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The index of the last {@code \n} in {@code b[from, to)}, or -1. */
  public static int lastNewline(byte[] b, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The largest length {@code <= max} of {@code buf[off..]} that does not end inside a multi-byte
   * sequence, so a cut line does not end in a replacement character of our own making.
   */
  public static int boundaryAtOrBefore(byte[] buf, int off, int max) {
    // A sequence is at most 4 bytes: only its lead byte among the last 3 can be cut off.
    for (int i = off + max - 1; i >= off && i >= off + max - 3; i--) {
      int b = buf[i] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        int length = b >= 0xF8 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return i + length > off + max ? i - off : max;
      }
    }
    return max;
  }

  /** A line or key as text: Latin-1 when ASCII, else UTF-8 with U+FFFD for bad bytes. */
  public static String decode(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (buf[i] < 0) {
        try {
          return StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(buf, off, len))
              .toString();
        } catch (CharacterCodingException e) {
          throw new IllegalStateException(e); // unreachable with REPLACE actions
        }
      }
    }
    return new String(buf, off, len, StandardCharsets.ISO_8859_1);
  }
}
