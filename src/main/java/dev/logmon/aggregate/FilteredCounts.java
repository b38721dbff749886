package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines that filters left out, by rule: the counter behind {@code filtered_total}. The rules'
 * labels are fixed when it is made (at most the filter rule limit plus two), so counting is an
 * array increment. Not thread-safe: owned by the counting thread.
 */
final class FilteredCounts {
  private final List<String> labels;
  private final long[] counts;

  FilteredCounts(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.counts = new long[labels.size()];
  }

  /** Counts a line left out by rule {@code rule}, an index into the labels. */
  void add(int rule) {
    counts[rule]++;
  }

  /** Every rule and its count, in the order of the rules (rules that left nothing out too). */
  List<Count> snapshot() {
    List<Count> out = new ArrayList<>(counts.length);
    for (int r = 0; r < counts.length; r++) {
      out.add(new Count(labels.get(r), counts[r]));
    }
    return out;
  }

  /**
   * These counts plus a previous run's ({@code --persist}): a rule of both adds up, a rule only the
   * previous run had keeps its count under its label, after this run's rules.
   */
  FilteredCounts plus(List<Count> saved) {
    List<String> all = new ArrayList<>(labels);
    for (Count c : saved) {
      if (!all.contains(c.key())) {
        all.add(c.key());
      }
    }
    FilteredCounts out = new FilteredCounts(all);
    System.arraycopy(counts, 0, out.counts, 0, counts.length);
    for (Count c : saved) {
      out.counts[all.indexOf(c.key())] += c.count();
    }
    return out;
  }
}
