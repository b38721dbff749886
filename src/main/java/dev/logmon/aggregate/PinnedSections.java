package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections that have their own metrics counter: a section is pinned (in pin order, never
 * unpinned) when it first shows in the lifetime top table, up to {@link
 * Aggregator#COUNTER_SECTIONS}; its counter is its lifetime hits minus those it had when pinned, so
 * hits before pinning stay in "(other)" and every series only grows.
 *
 * <p>Computed at snapshot time from the exact lifetime rows, so the hot path pays nothing; a pinned
 * section has a lifetime row, so its id is never released. Not thread-safe: owned by the
 * aggregator's thread.
 */
final class PinnedSections {
  private final Map<String, long[]> pinned = new LinkedHashMap<>(); // section -> {id, at pinning}

  /**
   * Pins today's lifetime top sections (while room is left) and lists every counter, "(other)"
   * last, given the section dictionary, the lifetime section table and the lifetime hits.
   */
  List<Count> counters(
      List<SectionStat> top, KeyDictionary sections, DenseCounts lifetime, long hits) {
    for (SectionStat s : top) {
      if (pinned.size() < Aggregator.COUNTER_SECTIONS
          && !Aggregator.OTHER.equals(s.section())
          && !pinned.containsKey(s.section())) {
        int id = sections.idOf(s.section()); // present: it has a lifetime row
        pinned.put(s.section(), new long[] {id, lifetime.get(id, 0)});
      }
    }
    List<Count> out = new ArrayList<>(pinned.size() + 1);
    long counted = 0;
    for (Map.Entry<String, long[]> e : pinned.entrySet()) {
      long n = lifetime.get((int) e.getValue()[0], 0) - e.getValue()[1];
      counted += n;
      out.add(new Count(e.getKey(), n));
    }
    out.add(new Count(Aggregator.OTHER, hits - counted));
    return out;
  }
}
