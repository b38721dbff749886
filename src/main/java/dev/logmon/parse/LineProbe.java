package dev.logmon.parse;

/**
 * Parses one line at a time into a scratch row, to ask whether a parser reads it and what it reads
 * (format detection, a file's first timestamp). Not thread-safe: one per caller.
 */
public final class LineProbe {
  private final ParsedLines row = new ParsedLines();

  /**
   * Parses {@code b[from, to)} (one line, without its terminator) with {@code parser}; returns the
   * outcome, whose fields {@link #row()} then holds as its row 0.
   */
  public byte parse(RowParser parser, byte[] b, int from, int to) {
    row.reset(b, 1);
    byte outcome = parser.parse(b, from, to, row, 0);
    row.outcome[0] = outcome;
    row.size = 1;
    return outcome;
  }

  /** The row of the last line parsed. */
  public ParsedLines row() {
    return row;
  }

  /** Whether an outcome is a hit (a row or a record). */
  public static boolean isHit(byte outcome) {
    return outcome == ParsedLines.OK || outcome == ParsedLines.RECORD;
  }
}
