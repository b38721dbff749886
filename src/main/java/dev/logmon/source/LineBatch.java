package dev.logmon.source;

import java.util.List;
import java.util.Objects;

/**
 * A run of complete lines read from one source, handed to the pipeline in one queue operation.
 *
 * @param source the display name of the source (the path as given, or {@code -} for stdin)
 * @param firstLineNumber 1-based number, within the current file, of the first line in {@code
 *     lines}
 * @param lines the lines, without terminators ({@code \n} and a trailing {@code \r} removed)
 */
public record LineBatch(String source, long firstLineNumber, List<String> lines) {
  public LineBatch {
    Objects.requireNonNull(source, "source");
    lines = List.copyOf(lines);
  }
}
