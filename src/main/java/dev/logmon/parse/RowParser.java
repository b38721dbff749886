package dev.logmon.parse;

/**
 * A log format's parser: reads one line's bytes into a row of {@link ParsedLines}. The one parsing
 * interface of every input path (follow, replay, standard input).
 *
 * <p>{@link ChunkParser} splits a chunk into lines and hands each (without its terminator, within
 * the line cap) to {@link #parse}. A format with a byte grammar ({@link #clf()}, format strings)
 * fills the row's fields; a format read from text (JSON, W3C) stores a whole {@link LogRecord} and
 * answers {@link ParsedLines#RECORD}, so such a line is counted on its own, through the same
 * interface. Implementations are thread-safe when {@link #parallel()} says so; a format that learns
 * from a source's own lines gives each source its own instance ({@link #forSource}), owned by the
 * thread that parses that source.
 */
public interface RowParser {
  /** The built-in Common/Combined/vhost_combined parser. */
  static RowParser clf() {
    return ByteClfParser.INSTANCE;
  }

  /**
   * Parses {@code b[from, to)} into row {@code i} of {@code out} (whose buffer is {@code b});
   * returns {@link ParsedLines#OK}, {@link ParsedLines#RECORD} or a malformed code ({@link
   * ParsedLines#code}). Never throws.
   */
  byte parse(byte[] b, int from, int to, ParsedLines out, int i);

  /**
   * The parser for the lines of one source (file name or {@code -}); formats that learn from a
   * file's own lines (W3C {@code #Fields:}, {@code --format auto}) keep one state per source.
   */
  default RowParser forSource(String source) {
    return this;
  }

  /**
   * Shows the parser the lines {@code b[from, to)} it is about to be given one by one, so a format
   * that detects itself ({@code --format auto}) decides on a sample rather than on one line.
   */
  default void preview(byte[] b, int from, int to) {}

  /**
   * Whether chunks of one source may be parsed in parallel, in any order: true for stateless
   * parsers; a stateful one (W3C, {@code auto} before it has decided) reads its lines in order.
   */
  default boolean parallel() {
    return true;
  }
}
