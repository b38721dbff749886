package dev.logmon.parse;

/**
 * Turns one line read as text into a {@link ParseResult}: the shape of the tests' oracles (the text
 * readers of CLF and format strings, {@code RowLines} over a product {@link RowParser}); {@link
 * TextRows} makes one a {@link RowParser}.
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
