package dev.logmon.present.web;

import dev.logmon.present.SourceView;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-source counters ({@code logmon_source_*_total{source}}): the first {@value #CAP} source
 * names seen get a series each, kept for good; sources seen after that (a glob matching ever more
 * files) have none, so a scrape stays bounded. Names are clipped to {@value #MAX_TEXT} characters;
 * sources sharing a clipped name share its series. A series lasts while its file is watched.
 * Thread-safe: scrapes may run concurrently.
 */
final class SourceMetrics {
  static final int CAP = 64;
  static final int MAX_TEXT = 200;

  private final Set<String> labelled = new HashSet<>();

  /** The counters of every source with a label, added to {@code out}. */
  void collect(List<SourceView> sources, List<MetricSnapshot> out) {
    Map<String, long[]> byLabel = new LinkedHashMap<>();
    synchronized (labelled) {
      for (SourceView s : sources) {
        String name = s.name().length() > MAX_TEXT ? s.name().substring(0, MAX_TEXT) : s.name();
        if (labelled.contains(name) || (labelled.size() < CAP && labelled.add(name))) {
          long[] sum = byLabel.computeIfAbsent(name, k -> new long[7]);
          sum[0] += s.lines();
          sum[1] += s.bytes();
          sum[2] += s.rotations();
          sum[3] += s.truncations();
          sum[4] += s.oversizeLines();
          sum[5] += s.readErrors();
          sum[6] += s.future();
        }
      }
    }
    if (byLabel.isEmpty()) {
      return;
    }
    add(out, byLabel, "logmon_source_lines", "Complete lines read from a source.", null, 0);
    add(out, byLabel, "logmon_source_read_bytes", "Bytes read from a source.", Unit.BYTES, 1);
    add(
        out,
        byLabel,
        "logmon_source_rotations",
        "Times a source's path started naming a new file (rotation).",
        null,
        2);
    add(
        out,
        byLabel,
        "logmon_source_truncations",
        "Times a source's file shrank or was rewritten in place (copytruncate).",
        null,
        3);
    add(
        out,
        byLabel,
        "logmon_source_oversize_lines",
        "Lines of a source cut to the line-length cap (--max-line-bytes).",
        null,
        4);
    add(
        out,
        byLabel,
        "logmon_source_read_errors",
        "Episodes of failing to open or read a source.",
        null,
        5);
    add(
        out,
        byLabel,
        "logmon_source_future_lines",
        "Requests of a source stamped too far ahead to be placed in time.",
        null,
        6);
  }

  private static void add(
      List<MetricSnapshot> out,
      Map<String, long[]> byLabel,
      String name,
      String help,
      Unit unit,
      int field) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help).unit(unit);
    byLabel.forEach(
        (source, sums) ->
            b.dataPoint(LogmonMetrics.counter(sums[field], Labels.of("source", source))));
    out.add(b.build());
  }
}
