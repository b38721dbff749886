package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change events end a watcher's sleep early (inotify, which every Linux CI machine has), events for
 * other files do not, and without events a sleep is a plain timer. Each wait that should end early
 * has a long upper bound, so a missed event fails the test instead of hanging it.
 */
class ChangeSignalIT {
  private static final long LONG_SLEEP_MILLIS = 60_000;

  @TempDir Path dir;

  private static long millisToSleep(ChangeSignal s, long millis) throws InterruptedException {
    long t0 = System.nanoTime();
    s.sleep(millis);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  @Test
  void aWriteToTheFileEndsTheSleep() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    try (ChangeSignal s = ChangeSignal.forFile(log)) {
      assertThat(s.active()).as("change events on this file system").isTrue();
      Files.writeString(log, "a line\n", StandardOpenOption.APPEND);
      assertThat(millisToSleep(s, LONG_SLEEP_MILLIS)).isLessThan(LONG_SLEEP_MILLIS / 2);
    }
  }

  @Test
  void aFileCreatedUnderTheNameEndsTheSleep() throws Exception {
    Path log = dir.resolve("access.log");
    try (ChangeSignal s = ChangeSignal.forFile(log)) {
      Files.writeString(log, "rotated in\n");
      assertThat(millisToSleep(s, LONG_SLEEP_MILLIS)).isLessThan(LONG_SLEEP_MILLIS / 2);
    }
  }

  @Test
  void anotherFileInTheDirectoryDoesNotEndTheSleep() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    Path other = Files.writeString(dir.resolve("error.log"), "");
    try (ChangeSignal s = ChangeSignal.forFile(log)) {
      Files.writeString(other, "noise\n", StandardOpenOption.APPEND);
      assertThat(millisToSleep(s, 300)).isGreaterThanOrEqualTo(300);
    }
  }

  @Test
  void withEventsOffAWriteDoesNotEndTheSleepAndBackOnItDoes() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    try (ChangeSignal s = ChangeSignal.forFile(log)) {
      s.events(false);
      assertThat(s.active()).isFalse();
      Files.writeString(log, "read by the polls\n", StandardOpenOption.APPEND);
      assertThat(millisToSleep(s, 300)).isGreaterThanOrEqualTo(300);
      s.events(true);
      assertThat(s.active()).isTrue();
      Files.writeString(log, "a line\n", StandardOpenOption.APPEND);
      assertThat(millisToSleep(s, LONG_SLEEP_MILLIS)).isLessThan(LONG_SLEEP_MILLIS / 2);
    }
  }

  /**
   * An event queued when events went off went with its watch: it ends no later sleep, nor is its
   * cancelled watch taken for a directory gone. The event is waited for on a watch of the test's
   * own, which the kernel tells at the same time (the signal's queue cannot be seen from here).
   */
  @Test
  void anEventFromBeforeTheEventsWentOffIsDropped() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    try (ChangeSignal s = ChangeSignal.forFile(log);
        WatchService own = dir.getFileSystem().newWatchService()) {
      dir.register(own, StandardWatchEventKinds.ENTRY_MODIFY);
      Files.writeString(log, "a line\n", StandardOpenOption.APPEND);
      assertThat(own.poll(LONG_SLEEP_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
      s.events(false);
      s.events(true);
      assertThat(millisToSleep(s, 300)).isGreaterThanOrEqualTo(300);
      assertThat(s.active()).as("still watching").isTrue();
      Files.writeString(log, "a third\n", StandardOpenOption.APPEND);
      assertThat(millisToSleep(s, LONG_SLEEP_MILLIS)).isLessThan(LONG_SLEEP_MILLIS / 2);
    }
  }

  @Test
  void withoutADirectoryItIsAPlainSleep() throws Exception {
    try (ChangeSignal s = ChangeSignal.forFile(dir.resolve("missing/access.log"))) {
      assertThat(s.active()).isFalse();
      assertThat(millisToSleep(s, 50)).isGreaterThanOrEqualTo(50);
    }
  }

  /** How a watcher under test runs on its thread. */
  private interface Watch {
    void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException;
  }

  @Test
  void aTailerInALongSleepReadsANewLineAtOnce() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    FileTailer tailer =
        new FileTailer(log, TailOptions.follow("log"), n -> {}, null, new DescriptorLimit());
    assertReadAtOnceAfterALongSleep(
        log, (sink, stop) -> tailer.run(sink, Duration.ofMinutes(1), stop));
  }

  @Test
  void aGlobInALongSleepReadsANewLineAtOnce() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    GlobWatcher glob =
        new GlobWatcher(
            dir.resolve("*.log").toString(),
            TailOptions.follow("glob"),
            n -> {},
            null,
            new DescriptorLimit());
    assertReadAtOnceAfterALongSleep(
        log, (sink, stop) -> glob.run(sink, Duration.ofMinutes(1), stop));
  }

  /** The poll after which an idle watcher sleeps 5 ms * 2^11 = 10.24 s (see {@link PollLoop}). */
  private static final int POLLS_BEFORE_A_LONG_SLEEP = 12;

  /**
   * Runs {@code watch} with a 1-minute poll on an idle file until it has backed off into a sleep of
   * 10.24 s, appends a line, and expects it within 3 s, which only a change event can do.
   *
   * <p>The state is observed, not waited for by the clock: the loop asks {@code stop} once before
   * each poll and sleeps after each empty one, its sleeps doubling from 5 ms; so once it has asked
   * for the 12th time and its thread is asleep, it is in the 10.24 s sleep.
   */
  private static void assertReadAtOnceAfterALongSleep(Path log, Watch watch) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger polls = new AtomicInteger();
    Thread t =
        new Thread(
            () -> {
              try {
                watch.run(
                    b -> lines.addAll(b.lines()),
                    () -> {
                      polls.incrementAndGet();
                      return stop.get();
                    });
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(polls.get() >= POLLS_BEFORE_A_LONG_SLEEP && asleep(t))) {
        assertThat(System.nanoTime()).as("deadline for the back-off").isLessThan(deadline);
        assertThat(lines).as("lines read from the idle file").isEmpty();
        Thread.sleep(5);
      }
      assertThat(polls.get()).isEqualTo(POLLS_BEFORE_A_LONG_SLEEP);
      long written = System.nanoTime();
      Files.write(log, "line\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
      while (lines.isEmpty() && System.nanoTime() - written < TimeUnit.SECONDS.toNanos(3)) {
        Thread.sleep(5);
      }
      assertThat(lines).containsExactly("line");
    } finally {
      stop.set(true);
      t.interrupt();
      t.join(5_000);
    }
  }

  private static boolean asleep(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING;
  }
}
