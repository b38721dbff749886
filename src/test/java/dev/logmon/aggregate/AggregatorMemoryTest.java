package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Memory follows the keys of the last {@code span} seconds plus the capped lifetime rows, not the
 * length of the run: keys no bucket or lifetime row holds are forgotten.
 */
class AggregatorMemoryTest {
  @Test
  void distinctKeysBeyondTheWindowAndTheLifetimeCapAreForgotten() {
    Aggregator a = new Aggregator(new AggregatorConfig(20, 10, 10, 5), 50);
    int perSecond = 100;
    for (int i = 0; i < 200_000; i++) {
      long second = 1_000_000L + i / perSecond;
      a.add(record("/s" + i, "10.0." + (i >> 8 & 255) + "." + (i & 255), second), second);
      if (i % perSecond == 0) {
        a.snapshot(second - 1, java.time.ZoneOffset.UTC);
      }
    }
    // At most (span + 1) seconds of keys in the ring, plus the 50 lifetime rows.
    assertThat(a.keyCount()).isLessThanOrEqualTo(2 * (21 * perSecond + 50));
    TrafficSnapshot t = a.snapshot(1_000_000 + 200_000 / perSecond - 1, java.time.ZoneOffset.UTC);
    assertThat(t.lifetime().hits()).isEqualTo(200_000);
    assertThat(t.lifetime().topSections().get(0).section()).isEqualTo(Aggregator.OTHER);
    assertThat(t.window().uniqueClients()).isEqualTo(20L * perSecond);
  }

  private static LogRecord record(String section, String host, long second) {
    return new LogRecord(
        host,
        "-",
        second,
        0,
        "GET",
        section + "/x",
        section,
        false,
        200,
        10,
        null,
        null,
        null,
        LogRecord.NO_DURATION);
  }
}
