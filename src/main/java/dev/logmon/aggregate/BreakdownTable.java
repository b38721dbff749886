package dev.logmon.aggregate;

import java.util.List;

/**
 * One breakdown: its top rows, most hits first, and whether the counts are estimates (the table
 * outgrew its bounded memory, so a count may be over by up to {@code maxError}; rows are then those
 * that may be among the top, by estimate).
 *
 * @param rows the top keys and their hits
 * @param estimated whether {@code rows}' counts are estimates rather than exact
 * @param maxError how far above the true count an estimate may be (0 when exact)
 */
public record BreakdownTable(List<Count> rows, boolean estimated, long maxError) {
  /** A table with no rows. */
  public static final BreakdownTable EMPTY = new BreakdownTable(List.of(), false, 0);

  public BreakdownTable {
    rows = List.copyOf(rows);
    if (estimated != maxError > 0) {
      throw new IllegalArgumentException("an estimated table has a positive maximum error");
    }
  }
}
