package dev.logmon.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Batches of lines given as text, for tests. */
public final class Batches {
  private Batches() {}

  /** A batch of {@code lines} (without terminators), without a position or oversize lines. */
  public static LineBatch of(String source, long firstLineNumber, List<String> lines) {
    return of(source, firstLineNumber, lines, null);
  }

  /** As {@link #of(String, long, List)}, with the position after the last line. */
  public static LineBatch of(
      String source, long firstLineNumber, List<String> lines, FilePosition end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    byte[] b = out.toByteArray();
    return new LineBatch(source, firstLineNumber, b, b.length, lines.size(), end, new int[0]);
  }
}
