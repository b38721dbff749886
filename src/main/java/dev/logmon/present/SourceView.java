package dev.logmon.present;

/**
 * What a presenter shows of one watched source.
 *
 * @param state a short word: following, waiting, rotated, error, done
 * @param detail the last error or note, or null
 * @param future hits from this source stamped too far ahead to be placed in time (see {@code
 *     LifetimeTotals.future})
 */
public record SourceView(
    String name,
    String state,
    long lines,
    long bytes,
    long rotations,
    long truncations,
    long oversizeLines,
    long readErrors,
    String detail,
    long future) {

  /** A source with no future lines (the source stage knows nothing of time). */
  public SourceView(
      String name,
      String state,
      long lines,
      long bytes,
      long rotations,
      long truncations,
      long oversizeLines,
      long readErrors,
      String detail) {
    this(name, state, lines, bytes, rotations, truncations, oversizeLines, readErrors, detail, 0);
  }

  /** This source with {@code n} future lines. */
  public SourceView withFuture(long n) {
    return new SourceView(
        name, state, lines, bytes, rotations, truncations, oversizeLines, readErrors, detail, n);
  }
}
