package dev.logmon.filter;

import java.nio.charset.StandardCharsets;

/**
 * ASCII bytes of a chunk's buffer as text, without copying them: how {@link RowFields} hands a
 * row's fields to filters. {@link TextMemo} reads the bytes directly (a hash four bytes a step, a
 * vectorised compare), as an agent is tested on every line. Repositioned per line; not thread-safe.
 */
final class ByteText implements CharSequence {
  byte[] buf;
  int from;
  private int length;

  ByteText on(byte[] buf, int from, int to) {
    this.buf = buf;
    this.from = from;
    this.length = to - from;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return (char) (buf[from + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return new String(buf, from, length, StandardCharsets.ISO_8859_1);
  }
}
