package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where following an existing file from its end begins; stateless. */
final class TailStart {
  private TailStart() {}

  /**
   * The offset just after the last newline before {@code end} (the size the file had when its old
   * content was fixed), so a line being written then is read whole and everything written since is
   * read. If no newline lies within the last {@code maxLineBytes + 2} bytes before {@code end} that
   * line is oversize anyway: start at {@code end} and have the assembler discard the rest of it. A
   * file now shorter than {@code end} was truncated since: it is all new, read from 0.
   */
  static long of(FileChannel channel, long end, int maxLineBytes, BatchAssembler assembler)
      throws IOException {
    if (channel.size() < end) {
      return 0;
    }
    int window = (int) Math.min(end, (long) maxLineBytes + 2);
    ByteBuffer buf = ByteBuffer.allocate(window);
    long from = end - window;
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
    return end;
  }
}
