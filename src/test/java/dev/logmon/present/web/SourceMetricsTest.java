package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.present.SourceView;
import dev.logmon.source.SourceStatus;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The per-source series: files, syslog hosts and Kafka partitions, within the label cap. */
class SourceMetricsTest {
  private static SourceView partition(String name, String state, long lag) {
    return new SourceView(
        new SourceStatus(
            name,
            SourceStatus.State.valueOf(state.toUpperCase(java.util.Locale.ROOT)),
            5,
            50,
            0,
            0,
            0,
            0,
            null,
            0,
            lag,
            Map.of()),
        state,
        0);
  }

  /** Each series of {@code metric} as "label values=value", sorted. */
  private static Map<String, Double> series(List<MetricSnapshot> out, String metric) {
    Map<String, Double> m = new TreeMap<>();
    for (MetricSnapshot s : out) {
      if (!s.getMetadata().getName().equals(metric)) {
        continue;
      }
      for (DataPointSnapshot p : s.getDataPoints()) {
        String key = String.join(",", p.getLabels().stream().map(l -> l.getValue()).toList());
        double v =
            p instanceof CounterSnapshot.CounterDataPointSnapshot c
                ? c.getValue()
                : ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue();
        m.put(key, v);
      }
    }
    return m;
  }

  private static List<MetricSnapshot> collect(SourceMetrics metrics, List<SourceView> sources) {
    List<MetricSnapshot> out = new ArrayList<>();
    metrics.collect(sources, out);
    return out;
  }

  @Test
  void lagOnlyForPartitionsThisMemberReads() {
    List<MetricSnapshot> out =
        collect(
            new SourceMetrics(),
            List.of(
                SourceView.of(
                    new SourceStatus(
                        "/var/log/a.log", SourceStatus.State.FOLLOWING, 1, 10, 0, 0, 0, 0, null)),
                partition("access-0", "following", 0),
                partition("access-1", "following", 42),
                partition("access-2", "revoked", SourceStatus.NO_LAG)));
    assertThat(series(out, "logmon_source_lag_records"))
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("access-0", 0.0, "access-1", 42.0)));
    assertThat(series(out, "logmon_source_lines")).hasSize(4);
  }

  @Test
  void noLagSeriesWithoutKafka() {
    List<MetricSnapshot> out =
        collect(
            new SourceMetrics(),
            List.of(
                SourceView.of(
                    new SourceStatus(
                        "/var/log/a.log", SourceStatus.State.FOLLOWING, 1, 10, 0, 0, 0, 0, null))));
    assertThat(out).noneMatch(s -> s.getMetadata().getName().equals("logmon_source_lag_records"));
    assertThat(out)
        .noneMatch(s -> s.getMetadata().getName().equals("logmon_source_rejected_inputs"));
    assertThat(series(out, "logmon_source_dropped_messages")).containsEntry("/var/log/a.log", 0.0);
  }

  @Test
  void droppedAndRejectedByReason() {
    SourceView receiver =
        SourceView.of(
            new SourceStatus(
                "syslog:127.0.0.1:5140",
                SourceStatus.State.FOLLOWING,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                9,
                SourceStatus.NO_LAG,
                Map.of("connection_refused", 2L, "frame_too_long", 1L)));
    List<MetricSnapshot> out = collect(new SourceMetrics(), List.of(receiver));
    assertThat(series(out, "logmon_source_dropped_messages"))
        .containsEntry("syslog:127.0.0.1:5140", 9.0);
    assertThat(series(out, "logmon_source_rejected_inputs"))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "connection_refused,syslog:127.0.0.1:5140", 2.0,
                    "frame_too_long,syslog:127.0.0.1:5140", 1.0)));
  }

  @Test
  void sourcesPastTheCapHaveNoSeriesAndEarlierOnesKeepTheirs() {
    SourceMetrics metrics = new SourceMetrics();
    List<SourceView> first = new ArrayList<>();
    for (int i = 0; i < SourceMetrics.CAP + 10; i++) {
      first.add(partition("host" + i, "following", i));
    }
    assertThat(series(collect(metrics, first), "logmon_source_lag_records"))
        .hasSize(SourceMetrics.CAP)
        .containsKey("host0")
        .doesNotContainKey("host" + SourceMetrics.CAP);
    // A later scrape: the labelled sources stay, a newcomer gets no series.
    List<MetricSnapshot> later =
        collect(
            metrics, List.of(partition("host0", "following", 3), partition("new", "following", 1)));
    assertThat(series(later, "logmon_source_lag_records")).containsOnlyKeys("host0");
  }
}
