package dev.logmon.parse;

import dev.logmon.source.LineBytes;

/**
 * The {@link RowParser} of a test's {@link LineParser} (an oracle read from text): each line is
 * decoded (Latin-1 when ASCII, else UTF-8 with U+FFFD) and its {@link LogRecord} stored in the row,
 * a run of one for the counting stage, as the product's formats read as text do.
 *
 * <p>Thread-safe when the line parser is stateless and built so ({@code parallel}); otherwise owned
 * by the thread parsing one source.
 */
public final class TextRows implements RowParser {
  private final LineParser lines;
  private final boolean parallel;

  /**
   * Rows from {@code lines}; {@code parallel} when it is stateless, so chunks may be parsed at
   * once.
   */
  public TextRows(LineParser lines, boolean parallel) {
    this.lines = lines;
    this.parallel = parallel;
  }

  @Override
  public byte parse(byte[] b, int from, int to, ParsedLines out, int i) {
    ParseResult r = lines.parse(LineBytes.decode(b, from, to - from));
    if (r instanceof ParseResult.Parsed p) {
      out.setRecord(i, p.record());
      return ParsedLines.RECORD;
    }
    return ParsedLines.code(((ParseResult.Malformed) r).reason());
  }

  @Override
  public RowParser forSource(String source) {
    LineParser own = lines.forSource(source);
    return own == lines ? this : new TextRows(own, parallel);
  }

  @Override
  public boolean parallel() {
    return parallel;
  }

  @Override
  public String toString() {
    return lines.toString();
  }
}
