package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where following an existing file from its end begins; stateless. */
final class TailStart {
  private TailStart() {}

  /**
   * The offset just after the last newline, so a line being written now is read whole. If no
   * newline lies within the last {@code maxLineBytes + 2} bytes the last line is oversize anyway:
   * start at the end and have the assembler discard the rest of that line.
   */
  static long of(FileChannel channel, int maxLineBytes, BatchAssembler assembler)
      throws IOException {
    long size = channel.size();
    int window = (int) Math.min(size, (long) maxLineBytes + 2);
    ByteBuffer buf = ByteBuffer.allocate(window);
    long from = size - window;
    while (buf.hasRemaining()) {
      if (channel.read(buf, from + buf.position()) <= 0) {
        break;
      }
    }
    byte[] bytes = buf.array();
    for (int i = buf.position() - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return from + i + 1;
      }
    }
    if (from == 0) {
      return 0; // the whole file is one unterminated line: read it when it completes
    }
    assembler.discardUntilNewline();
    return size;
  }
}
