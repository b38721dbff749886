package dev.logmon.parse;

/**
 * Turns one log line (without its line terminator) into a {@link ParseResult}.
 *
 * <p>Implementations are total: they never throw on any input, however malformed. Most are
 * stateless so one instance may be shared by threads; those that learn from the lines they read
 * (see {@link #forSource}) are owned by the pipeline thread.
 */
public interface LineParser {
  ParseResult parse(String line);

  /**
   * The parser for the lines of one source (file name or {@code -}); formats that learn from a
   * file's own lines (W3C {@code #Fields:}, {@code --format auto}) keep one state per source.
   */
  default LineParser forSource(String source) {
    return this;
  }
}
