package dev.logmon.parse;

/**
 * Turns one line of a format read as text (JSON, W3C, a format string's record that a row cannot
 * hold) into a {@link ParseResult}; {@link TextRows} makes it a {@link RowParser}.
 *
 * <p>Implementations are total: they never throw on any input, however malformed. Most are
 * stateless so one instance may be shared by threads; those that learn from the lines they read
 * (see {@link #forSource}) are owned by the pipeline thread.
 */
public interface LineParser {
  ParseResult parse(String line);

  /**
   * The parser for the lines of one source (file name or {@code -}); formats that learn from a
   * file's own lines (W3C {@code #Fields:}) keep one state per source.
   */
  default LineParser forSource(String source) {
    return this;
  }
}
