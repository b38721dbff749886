package dev.logmon.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run of complete lines read from one source, as bytes, handed to the pipeline in one queue
 * operation; the pipeline parses them as it parses a replay's chunk.
 *
 * <p>A batch with no lines is a position marker: a tailer that saves positions sends one when it
 * opens a file, so a file followed from its end is remembered before any line arrives. The batch
 * owns its array: sources never write to it after handing it over.
 *
 * @param source the display name of the source (the path as given, or {@code -} for stdin)
 * @param firstLineNumber 1-based number, within the current file, of the first line
 * @param bytes the lines, each ended by {@code \n} (a trailing {@code \r} before it is kept, the
 *     parser drops it), in {@code bytes[0, length)}
 * @param length how many bytes of {@code bytes} hold lines
 * @param lineCount the number of lines
 * @param end the position just after the last line, or null if the source does not track it
 * @param cut the numbers in the batch (0-based, ascending) of lines longer than the line cap: they
 *     hold only the cut start of the line, are counted as oversize and are not parsed
 * @param vhost the virtual host of the lines whose format names none (the host a syslog message
 *     came from), or null
 */
@SuppressWarnings("ArrayRecordComponent") // handed over once, never compared
public record LineBatch(
    String source,
    long firstLineNumber,
    byte[] bytes,
    int length,
    int lineCount,
    FilePosition end,
    int[] cut,
    String vhost) {

  public LineBatch {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(cut, "cut");
    Objects.checkFromToIndex(0, length, bytes.length);
  }

  /** A batch of a file's lines (no virtual host of its own). */
  public LineBatch(
      String source,
      long firstLineNumber,
      byte[] bytes,
      int length,
      int lineCount,
      FilePosition end,
      int[] cut) {
    this(source, firstLineNumber, bytes, length, lineCount, end, cut, null);
  }

  /** This batch with {@code host} as the virtual host of lines that name none. */
  public LineBatch withVhost(String host) {
    return new LineBatch(source, firstLineNumber, bytes, length, lineCount, end, cut, host);
  }

  /**
   * The lines decoded (Latin-1 when ASCII, else UTF-8 with U+FFFD), without terminators: for tests
   * and diagnostics, never on the counting path.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>(lineCount);
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        out.add(LineBytes.decode(bytes, start, end - start));
        start = i + 1;
      }
    }
    return out;
  }
}
