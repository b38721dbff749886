package dev.logmon.source;

/** Byte-level UTF-8 helpers for cutting lines; stateless and thread-safe. */
final class Utf8 {
  private Utf8() {}

  static boolean isAscii(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (buf[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest length {@code <= max} of {@code buf[off..]} that does not end inside a multi-byte
   * sequence, so a cut line does not end in a replacement character of our own making.
   */
  static int boundaryAtOrBefore(byte[] buf, int off, int max) {
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
}
