package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.Count;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.Batches;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A syslog host is the vhost of the lines it sends whose format names none, and only of those. */
class HostVhostTest {
  private static final String COMBINED =
      "1.2.3.4 - - [03/Dec/2026:16:27:05 +0000] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl\"";

  @Test
  void theSendingHostFillsInOnlyAMissingVhost() {
    Monitor m =
        new Monitor(
            MonitorHarness.config(
                true, 10, 120, 0, false, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS),
            LogFormats.parser("auto", n -> {}),
            new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
            new AlertEngine(AlertRule.ABSOLUTE, 10),
            new Presenter() {
              @Override
              public void report(MonitorView view) {}

              @Override
              public void alert(dev.logmon.alert.AlertEvent event, MonitorView view) {}

              @Override
              public void summary(MonitorView view) {}
            },
            ZoneOffset.UTC,
            n -> {},
            List::of);
    m.accept(Batches.of("web1", 1, List.of(COMBINED, COMBINED)).withVhost("web1"));
    m.accept(Batches.of("web2", 1, List.of("shop.example:443 " + COMBINED)).withVhost("web2"));
    m.accept(Batches.of("a.log", 1, List.of(COMBINED))); // a file: no vhost at all
    m.finish();
    assertThat(m.latest().latency().windowVhosts())
        .containsExactly(new Count("web1", 2), new Count("shop.example:443", 1));
  }
}
