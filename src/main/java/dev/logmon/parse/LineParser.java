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

  /**
   * Shows the parser the lines it is about to be given one by one (a batch), so a format that
   * detects itself ({@code --format auto}) can decide on a sample of them rather than on the first
   * line alone; other formats ignore it.
   */
  default void preview(java.util.List<String> upcoming) {}
}
