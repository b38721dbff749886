package dev.logmon.parse;

/**
 * A parser of one line's ASCII bytes straight into a row of {@link ParsedLines}, paired with the
 * String parser whose results it must reproduce exactly.
 *
 * <p>{@link ChunkParser} gives it the ASCII lines within the line cap; every other line, and every
 * line for which it answers {@link ParsedLines#FALLBACK}, is decoded and read by {@link
 * #reference()}. Implementations are stateless and thread-safe: chunks are parsed in parallel.
 */
public interface RowParser {
  /** The built-in Common/Combined/vhost_combined parser ({@link ClfParser} over bytes). */
  RowParser CLF = ByteClfParser.INSTANCE;

  /**
   * Parses {@code b[from, to)} into row {@code i} of {@code out}; returns {@link ParsedLines#OK}, a
   * malformed code ({@link ParsedLines#code}), or {@link ParsedLines#FALLBACK} to have {@link
   * #reference()} read the line instead. Never throws.
   */
  byte parse(byte[] b, int from, int to, ParsedLines out, int i);

  /** The String parser this one agrees with, for the lines it does not read itself. */
  LineParser reference();
}
