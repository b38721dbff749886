package dev.logmon.present.web;

import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The per-source metrics ({@code logmon_source_*{source}}): files, syslog hosts and Kafka
 * partitions alike. The first {@value #CAP} source names seen get series, kept for good; sources
 * seen after that (a glob matching ever more files, ever more syslog hosts) have none, so a scrape
 * stays bounded. Names are clipped to {@value #MAX_TEXT} characters; sources sharing a clipped name
 * share its series. A series lasts while its source is watched; a Kafka partition's lag only while
 * this member reads it, so the group's lag is the sum over its members. Thread-safe: scrapes may
 * run concurrently.
 */
final class SourceMetrics {
  static final int CAP = 64;
  static final int MAX_TEXT = 200;

  private final Set<String> labelled = new HashSet<>();

  /** The metrics of every source with a label, added to {@code out}. */
  void collect(List<SourceView> sources, List<MetricSnapshot> out) {
    Map<String, List<SourceView>> byLabel = new LinkedHashMap<>();
    synchronized (labelled) {
      for (SourceView s : sources) {
        String path = s.status().name();
        String name = path.length() > MAX_TEXT ? path.substring(0, MAX_TEXT) : path;
        if (labelled.contains(name) || (labelled.size() < CAP && labelled.add(name))) {
          byLabel.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        }
      }
    }
    if (byLabel.isEmpty()) {
      return;
    }
    add(
        out,
        byLabel,
        "logmon_source_lines",
        "Complete lines read from a source.",
        null,
        s -> s.status().lines());
    add(
        out,
        byLabel,
        "logmon_source_read_bytes",
        "Bytes read from a source.",
        Unit.BYTES,
        s -> s.status().bytes());
    add(
        out,
        byLabel,
        "logmon_source_rotations",
        "Times a source's path started naming a new file (rotation).",
        null,
        s -> s.status().rotations());
    add(
        out,
        byLabel,
        "logmon_source_truncations",
        "Times a source's file shrank or was rewritten in place (copytruncate).",
        null,
        s -> s.status().truncations());
    add(
        out,
        byLabel,
        "logmon_source_oversize_lines",
        "Lines of a source cut to the line-length cap (--max-line-bytes).",
        null,
        s -> s.status().oversizeLines());
    add(
        out,
        byLabel,
        "logmon_source_read_errors",
        "Episodes of failing to open or read a source (a Kafka consumer's errors).",
        null,
        s -> s.status().readErrors());
    add(
        out,
        byLabel,
        "logmon_source_future_lines",
        "Requests of a source stamped too far ahead to be placed in time.",
        null,
        s -> s.future());
    add(
        out,
        byLabel,
        "logmon_source_dropped_messages",
        "Messages lost before logmon could read them: syslog UDP datagrams the kernel dropped"
            + " (its receive buffer was full), where it reports them.",
        null,
        s -> s.status().dropped());
    rejected(out, byLabel);
    lag(out, byLabel);
  }

  private static void add(
      List<MetricSnapshot> out,
      Map<String, List<SourceView>> byLabel,
      String name,
      String help,
      Unit unit,
      ToLongFunction<SourceView> field) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help).unit(unit);
    byLabel.forEach(
        (source, views) ->
            b.dataPoint(
                LogmonMetrics.counter(
                    (double) views.stream().mapToLong(field).sum(), Labels.of("source", source))));
    out.add(b.build());
  }

  /** Inputs that carried no line, by reason; a reason's series appears with its first input. */
  private static void rejected(List<MetricSnapshot> out, Map<String, List<SourceView>> byLabel) {
    CounterSnapshot.Builder b =
        CounterSnapshot.builder()
            .name("logmon_source_rejected_inputs")
            .help(
                "Inputs of a source that carried no line, by reason: syslog frames that do not"
                    + " parse, refused connections, Kafka records without a line.");
    boolean any = false;
    for (Map.Entry<String, List<SourceView>> e : byLabel.entrySet()) {
      Map<String, Long> rejected = new TreeMap<>();
      for (SourceView v : e.getValue()) {
        v.status().rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
      }
      for (Map.Entry<String, Long> r : rejected.entrySet()) {
        b.dataPoint(
            LogmonMetrics.counter(
                r.getValue(), Labels.of("reason", r.getKey(), "source", e.getKey())));
        any = true;
      }
    }
    if (any) {
      out.add(b.build());
    }
  }

  /** Records of each Kafka partition this member reads that are not yet counted. */
  private static void lag(List<MetricSnapshot> out, Map<String, List<SourceView>> byLabel) {
    GaugeSnapshot.Builder b =
        GaugeSnapshot.builder()
            .name("logmon_source_lag_records")
            .help(
                "Records of a Kafka partition this member reads that are not yet counted (the"
                    + " consumer lag behind the partition's end).");
    boolean any = false;
    for (Map.Entry<String, List<SourceView>> e : byLabel.entrySet()) {
      long lag = SourceStatus.NO_LAG;
      for (SourceView v : e.getValue()) {
        if (v.status().lag() != SourceStatus.NO_LAG) {
          lag = Math.max(lag, 0) + v.status().lag();
        }
      }
      if (lag != SourceStatus.NO_LAG) {
        b.dataPoint(
            GaugeDataPointSnapshot.builder()
                .value((double) lag)
                .labels(Labels.of("source", e.getKey()))
                .build());
        any = true;
      }
    }
    if (any) {
      out.add(b.build());
    }
  }
}
