package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loop's sleeps and change events over a simulated file: writes at given milliseconds, polls
 * that take no time, a sleep that a write ends early while events are on (as inotify does) and a
 * clock that only sleeps move.
 */
class PollLoopTest {
  private long now;
  private int polls;
  private boolean events = true;
  private final List<Long> writes = new ArrayList<>(); // in time order
  private int read; // writes[0, read) have been read
  private final List<Long> latencies = new ArrayList<>(); // per write, from written to read

  /** What the loop did, in order: a sleep's length, "off", "on", or "read" for a poll with data. */
  private final List<String> steps = new ArrayList<>();

  private Runnable onEventsOn = () -> {};

  private void writeEvery(long from, long to, long step) {
    for (long t = from; t <= to; t += step) {
      writes.add(t);
    }
  }

  /** Polls a file that reads all it has written (caught up) until the clock reaches {@code end}. */
  private void run(long intervalMillis, long end) throws InterruptedException {
    boolean[] closed = {false};
    PollLoop.run(
        sink -> {
          polls++;
          int before = read;
          while (read < writes.size() && writes.get(read) <= now) {
            latencies.add(now - writes.get(read++));
          }
          if (read == before) {
            return 0;
          }
          steps.add("read");
          return -100;
        },
        batch -> {},
        Duration.ofMillis(intervalMillis),
        () -> now >= end,
        () -> closed[0] = true,
        new PollLoop.Sleeper() {
          @Override
          public void sleep(long millis) {
            steps.add(Long.toString(millis));
            long until = now + millis;
            for (long w : writes) {
              if (events && w > now && w < until) {
                until = w; // a change event ends the sleep
              }
            }
            now = until;
          }

          @Override
          public void events(boolean on) {
            steps.add(on ? "on" : "off");
            events = on;
            if (on) {
              onEventsOn.run();
            }
          }
        },
        () -> TimeUnit.MILLISECONDS.toNanos(now));
    assertThat(closed[0]).as("closed when stopped").isTrue();
  }

  @Test
  void aQuietSourceIsPolledOncePerIntervalWithinASecondOfTheStart() throws Exception {
    run(250, 1_000);
    assertThat(steps).containsExactly("5", "10", "20", "40", "80", "160", "250", "250", "250");
  }

  @Test
  void aLoneWriteIsReadAtOnceByItsEventAndRestartsTheBackOff() throws Exception {
    writes.add(100L);
    writes.add(200L);
    run(250, 500);
    assertThat(steps)
        .containsExactly(
            "5", "10", "20", "40", "80", "read", "5", "10", "20", "40", "80", "read", "5", "10",
            "20", "40", "80", "160");
    assertThat(latencies).containsExactly(0L, 0L);
  }

  @Test
  void aShortIntervalCapsTheBackOff() throws Exception {
    run(2, 8);
    assertThat(steps).containsExactly("2", "2", "2", "2");
  }

  @Test
  void aFileWrittenEveryTenMillisecondsIsPacedByShortSleepsWithoutEvents() throws Exception {
    writeEvery(100, 300, 10);
    run(250, 600);
    assertThat(steps.subList(0, 10))
        .as("read at once by the events until the second write, then paced")
        .containsExactly("5", "10", "20", "40", "80", "read", "5", "10", "read", "off");
    int off = 9;
    int on = steps.indexOf("on");
    assertThat(steps.subList(off + 1, on)).as("while busy").containsOnly("5", "read");
    assertThat(steps.subList(off + 1, on).stream().filter("read"::equals).count()).isEqualTo(19);
    assertThat(steps.lastIndexOf("off")).isEqualTo(off);
    assertThat(latencies).as("a write waits at most one short sleep").allMatch(l -> l < 5);
    assertThat(steps.subList(on, steps.size()))
        .as("quiet 50 ms after the last write: events back, and the back-off")
        .containsExactly("on", "5", "10", "20", "40", "80", "160");
  }

  @Test
  void aFileWrittenEveryThirtyMillisecondsKeepsItsEvents() throws Exception {
    writeEvery(100, 400, 30);
    run(250, 600);
    assertThat(steps).doesNotContain("off");
    assertThat(latencies).hasSize(11).containsOnly(0L);
  }

  @Test
  void aWriteJustBeforeTheEventsReturnIsReadWithoutWaitingForAnEvent() throws Exception {
    writes.add(100L);
    writes.add(105L);
    // Written while the watch is being set up again: the kernel has no event for it.
    onEventsOn = () -> writes.add(now);
    run(250, 300);
    int on = steps.indexOf("on");
    assertThat(on).isPositive();
    assertThat(steps.get(on + 1)).as("the poll right after the events' return").isEqualTo("read");
    assertThat(latencies).containsExactly(0L, 0L, 0L);
  }

  @Test
  void aPollThatLeftMoreIsFollowedByAnotherAtOnce() throws Exception {
    List<Long> results = new ArrayList<>(List.of(100L, 100L, -100L));
    List<Long> sleeps = new ArrayList<>();
    PollLoop.run(
        sink -> results.isEmpty() ? 0 : results.remove(0),
        batch -> {},
        Duration.ofMillis(250),
        () -> sleeps.size() >= 2,
        () -> {},
        sleeps::add,
        () -> 0);
    // Two polls that may have left more, back to back; the third read all there was: 5 ms.
    assertThat(sleeps).containsExactly(5L, 5L);
  }
}
