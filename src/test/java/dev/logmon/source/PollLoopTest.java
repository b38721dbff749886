package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollLoopTest {
  private final List<Long> sleeps = new ArrayList<>();
  private int polls;

  private final List<Integer> caughtUp = new ArrayList<>();

  /** Runs the loop over a source that reads something on the polls in {@code busy} (1-based). */
  private void run(long intervalMillis, int stopAfter, int... busy) throws InterruptedException {
    boolean[] closed = {false};
    PollLoop.run(
        sink -> {
          polls++;
          for (int b : busy) {
            if (b == polls) {
              return caughtUp.contains(polls) ? -100 : 100;
            }
          }
          return 0;
        },
        batch -> {},
        Duration.ofMillis(intervalMillis),
        () -> polls >= stopAfter,
        () -> closed[0] = true,
        sleeps::add);
    assertThat(closed[0]).as("closed when stopped").isTrue();
  }

  @Test
  void aQuietSourceIsPolledOncePerIntervalWithinASecondOfTheStart() throws Exception {
    run(250, 9);
    assertThat(sleeps).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 250L, 250L, 250L);
  }

  @Test
  void afterAWriteTheSleepStartsAtFiveMillisecondsAndDoublesBackToTheInterval() throws Exception {
    run(250, 12, 1, 2, 3);
    // Three busy polls back to back (no sleep), then 9 empty ones backing off.
    assertThat(sleeps).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 250L, 250L, 250L);
  }

  @Test
  void aNewWriteRestartsTheBackOff() throws Exception {
    run(250, 11, 5, 8);
    assertThat(sleeps).containsExactly(5L, 10L, 20L, 40L, 5L, 10L, 5L, 10L, 20L);
  }

  @Test
  void aShortIntervalCapsTheBackOff() throws Exception {
    run(2, 5, 1);
    assertThat(sleeps).containsExactly(2L, 2L, 2L, 2L);
  }

  @Test
  void aPollThatReadAllThereWasSleepsShortInsteadOfPollingBackToBack() throws Exception {
    caughtUp.add(2);
    run(250, 6, 1, 2);
    // Poll 1 read and may have left more: poll 2 at once; it read all there was: 5 ms, then on.
    assertThat(sleeps).containsExactly(5L, 10L, 20L, 40L, 80L);
  }
}
