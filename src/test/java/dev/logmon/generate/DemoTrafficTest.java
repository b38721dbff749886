package dev.logmon.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrafficTest {
  @TempDir Path dir;

  @Test
  void closeStopsTheBackgroundThread() throws IOException {
    Path file = dir.resolve("demo.log");
    DemoTraffic demo = DemoTraffic.start(file);
    demo.close();
    assertThat(demo.isRunning()).isFalse();
    String content = Files.readString(file);
    assertThat(content.isEmpty() || content.endsWith("\n")).isTrue();
  }

  @Test
  void unwritableFileFailsOnTheCallersThread() {
    Path file = dir.resolve("missing-dir").resolve("demo.log");
    assertThatThrownBy(() -> DemoTraffic.start(file)).isInstanceOf(IOException.class);
  }

  @Test
  void demoScheduleSpikesWithinTheFirstHalfMinute() {
    assertThat(DemoTraffic.SCHEDULE.rateAt(5)).isEqualTo(5);
    assertThat(DemoTraffic.SCHEDULE.rateAt(15)).isEqualTo(30);
    assertThat(DemoTraffic.SCHEDULE.rateAt(35)).isEqualTo(5);
  }

  /** The class javadoc promises an alert about 18 s in and a recovery about 54 s in. */
  @Test
  void demoScheduleAlertsAndRecoversWithinAMinuteOnA30SecondWindow() {
    Double raised = null;
    Double recovered = null;
    for (int tenths = 1; tenths < 900 && recovered == null; tenths++) {
      double t = tenths / 10.0;
      // Hits in the last 30 s over 30 s; linesBy is 0 before the start.
      double average =
          (DemoTraffic.SCHEDULE.linesBy(t) - DemoTraffic.SCHEDULE.linesBy(t - 30)) / 30;
      if (raised == null && average > 10) {
        raised = t;
      } else if (raised != null && average <= 10) {
        recovered = t;
      }
    }
    assertThat(raised).isBetween(18.0, 19.0);
    assertThat(recovered).isBetween(54.0, 55.0);
  }
}
