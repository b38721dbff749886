package dev.logmon.pipeline;

import dev.logmon.aggregate.ChunkTally;
import dev.logmon.aggregate.RunSums;
import dev.logmon.filter.FilterSet;
import dev.logmon.filter.Filters;
import dev.logmon.filter.RowFields;
import dev.logmon.parse.ParsedLines;

/**
 * What a parsed chunk goes through, on the thread that parsed it, before it is counted: the filters
 * mark the hits they leave out ({@link ParsedLines#FILTERED}), {@link RunSums} groups the rest into
 * runs of one second, and {@link ChunkTally} tallies them for the breakdowns. The one place every
 * input path (replay chunks, followed batches) prepares a chunk.
 *
 * <p>Not thread-safe: one per parsing thread or replay slot (it holds the filters' caches), used by
 * one thread at a time, with a happens-before edge (a {@code Future}) to the counting thread.
 */
final class ChunkIntake {
  private final Filters filters;
  private final RowFields fields = new RowFields();
  private final RunSums runs = new RunSums();
  private final ChunkTally tally;

  ChunkIntake(FilterSet filterSet, boolean breakdowns) {
    this.filters = filterSet.isEmpty() ? null : filterSet.newFilters();
    this.tally = breakdowns ? new ChunkTally() : null;
  }

  /** Filters, groups and tallies {@code lines}, just parsed. */
  void prepare(ParsedLines lines) {
    if (filters != null) {
      filter(lines);
    }
    runs.build(lines);
    if (tally != null) {
      tally.build(lines);
    }
  }

  private void filter(ParsedLines lines) {
    for (int i = 0, n = lines.size(); i < n; i++) {
      byte outcome = lines.outcome(i);
      if (outcome == ParsedLines.OK || outcome == ParsedLines.RECORD) {
        int rule = filters.ruleOf(fields.at(lines, i));
        if (rule != Filters.COUNTED) {
          lines.leaveOut(i, rule);
        }
      }
    }
  }

  /** The runs of the chunk last prepared. */
  RunSums runs() {
    return runs;
  }

  /** The breakdown tally of the chunk last prepared, or null without breakdowns. */
  ChunkTally tally() {
    return tally;
  }
}
