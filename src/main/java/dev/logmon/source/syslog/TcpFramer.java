package dev.logmon.source.syslog;

import java.util.Arrays;

/**
 * Cuts one TCP connection's byte stream into syslog frames, as RFC 6587 allows them: octet-counted
 * ({@code 123 <PRI>...}) or newline-terminated ({@code <PRI>...\n}), decided anew for every frame
 * by its first byte (a digit starts a count), as rsyslog does.
 *
 * <p>Memory is bounded by {@code maxFrame}: a longer frame is rejected and its bytes are skipped
 * (up to its count, or its newline) without being kept. Bytes between frames that cannot start one
 * (newlines, NULs, spaces, as some senders add after a counted frame) are skipped. The frames and
 * rejections do not depend on how the stream is cut into reads. Never throws on any input.
 *
 * <p>Not thread-safe: one framer belongs to one connection, read by one thread.
 */
final class TcpFramer {
  /** Where frames and rejections go; {@code frame} may read the bytes only during the call. */
  interface Frames {
    void frame(byte[] b, int off, int len);

    void rejected(Rejection reason);
  }

  private enum State {
    BETWEEN,
    COUNT,
    COUNTED,
    LINE,
    SKIP_COUNTED,
    SKIP_LINE
  }

  /** More digits than this cannot be a count of a frame under the cap. */
  private static final int MAX_COUNT_DIGITS = 9;

  private final int maxFrame;
  private State state = State.BETWEEN;
  private byte[] partial = new byte[256];
  private int partialLength;
  private long count;
  private long remaining;
  private long frameStartedAt;

  TcpFramer(int maxFrame) {
    if (maxFrame < 1) {
      throw new IllegalArgumentException("maxFrame must be >= 1: " + maxFrame);
    }
    this.maxFrame = maxFrame;
  }

  /** Whether a frame has begun and not ended: the frame timeout runs. */
  boolean inFrame() {
    return state != State.BETWEEN;
  }

  /** When the frame in progress began (the {@code now} of the feed that brought its first byte). */
  long frameStartedAt() {
    return frameStartedAt;
  }

  /** Bytes held for the frame in progress. */
  int bufferedBytes() {
    return partialLength;
  }

  /** Reads {@code b[off, off + len)}, received at {@code now}, passing each frame it ends. */
  void feed(byte[] b, int off, int len, long now, Frames out) {
    int end = off + len;
    int i = off;
    while (i < end) {
      switch (state) {
        case BETWEEN -> {
          byte c = b[i];
          if (c == '\n' || c == '\r' || c == 0 || c == ' ' || c == '\t') {
            i++;
            continue;
          }
          frameStartedAt = now;
          if (c >= '1' && c <= '9') {
            state = State.COUNT;
            count = 0;
          } else {
            state = State.LINE;
          }
        }
        case COUNT -> {
          byte c = b[i];
          if (c >= '0' && c <= '9') {
            count = count * 10 + (c - '0');
            append(b, i, 1);
            i++;
            if (partialLength > MAX_COUNT_DIGITS) {
              out.rejected(Rejection.BAD_FRAME_LENGTH);
              partialLength = 0;
              state = State.SKIP_LINE;
            }
          } else if (c == ' ') {
            i++;
            partialLength = 0;
            remaining = count;
            if (count > maxFrame) {
              out.rejected(Rejection.FRAME_TOO_LONG);
              state = State.SKIP_COUNTED;
            } else {
              state = State.COUNTED;
            }
          } else {
            state = State.LINE; // digits that were no count: the start of a newline-framed frame
          }
        }
        case COUNTED -> {
          int take = (int) Math.min(remaining, end - i);
          if (partialLength == 0 && take == remaining) {
            state = State.BETWEEN;
            out.frame(b, i, take);
          } else {
            append(b, i, take);
            remaining -= take;
            if (remaining == 0) {
              state = State.BETWEEN;
              out.frame(partial, 0, partialLength);
              partialLength = 0;
            }
          }
          i += take;
        }
        case LINE -> {
          int newline = indexOf(b, i, end, (byte) '\n');
          int stop = newline < 0 ? end : newline;
          if (partialLength + (stop - i) > maxFrame) {
            out.rejected(Rejection.FRAME_TOO_LONG);
            partialLength = 0;
            state = State.SKIP_LINE;
            continue;
          }
          if (newline < 0) {
            append(b, i, stop - i);
            i = end;
          } else if (partialLength == 0) {
            state = State.BETWEEN;
            out.frame(b, i, stop - i);
            i = stop + 1;
          } else {
            append(b, i, stop - i);
            state = State.BETWEEN;
            out.frame(partial, 0, partialLength);
            partialLength = 0;
            i = stop + 1;
          }
        }
        case SKIP_COUNTED -> {
          int take = (int) Math.min(remaining, end - i);
          remaining -= take;
          i += take;
          if (remaining == 0) {
            state = State.BETWEEN;
          }
        }
        case SKIP_LINE -> {
          int newline = indexOf(b, i, end, (byte) '\n');
          if (newline < 0) {
            i = end;
          } else {
            state = State.BETWEEN;
            i = newline + 1;
          }
        }
      }
    }
  }

  /**
   * The connection ended (closed by the sender, or by logmon): an unterminated newline-framed frame
   * is a frame (as a file's last line is a line), a counted frame cut short is rejected.
   */
  void close(Frames out) {
    switch (state) {
      case LINE, COUNT -> out.frame(partial, 0, partialLength); // digits alone are a line too
      case COUNTED -> out.rejected(Rejection.TRUNCATED_FRAME);
      default -> {}
    }
    partialLength = 0;
    state = State.BETWEEN;
  }

  private void append(byte[] b, int off, int len) {
    if (partialLength + len > partial.length) {
      partial =
          Arrays.copyOf(
              partial,
              Math.min(
                  Math.max(partialLength + len, partial.length * 2),
                  maxFrame + MAX_COUNT_DIGITS + 1));
    }
    System.arraycopy(b, off, partial, partialLength, len);
    partialLength += len;
  }

  private static int indexOf(byte[] b, int from, int end, byte c) {
    for (int i = from; i < end; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
