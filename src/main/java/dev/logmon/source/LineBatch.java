package dev.logmon.source;

import java.util.List;
import java.util.Objects;

/**
 * A run of complete lines read from one source, handed to the pipeline in one queue operation.
 *
 * <p>A batch with no lines is a position marker: a tailer that saves positions sends one when it
 * opens a file, so a file followed from its end is remembered before any line arrives.
 *
 * @param source the display name of the source (the path as given, or {@code -} for stdin)
 * @param firstLineNumber 1-based number, within the current file, of the first line in {@code
 *     lines}
 * @param lines the lines, without terminators ({@code \n} and a trailing {@code \r} removed)
 * @param end the position just after the last line, or null if the source does not track it
 * @param oversize the indexes in {@code lines}, ascending, of lines longer than the line cap: they
 *     hold only the cut start of the line, are counted as oversize and are not parsed
 * @param vhost the virtual host of the lines whose format names none (the host a syslog message
 *     came from), or null
 */
public record LineBatch(
    String source,
    long firstLineNumber,
    List<String> lines,
    FilePosition end,
    List<Integer> oversize,
    String vhost) {
  public LineBatch {
    Objects.requireNonNull(source, "source");
    lines = List.copyOf(lines);
    oversize = List.copyOf(oversize);
  }

  /** A batch of a file's lines (no virtual host of its own). */
  public LineBatch(
      String source,
      long firstLineNumber,
      List<String> lines,
      FilePosition end,
      List<Integer> oversize) {
    this(source, firstLineNumber, lines, end, oversize, null);
  }

  /** This batch with {@code host} as the virtual host of lines that name none. */
  public LineBatch withVhost(String host) {
    return new LineBatch(source, firstLineNumber, lines, end, oversize, host);
  }

  /** The number of lines. */
  public int lineCount() {
    return lines.size();
  }

  /** A batch without oversize lines. */
  public LineBatch(String source, long firstLineNumber, List<String> lines, FilePosition end) {
    this(source, firstLineNumber, lines, end, List.of());
  }

  /** A batch without a position (standard input, replay, or positions not tracked). */
  public LineBatch(String source, long firstLineNumber, List<String> lines) {
    this(source, firstLineNumber, lines, null, List.of());
  }
}
