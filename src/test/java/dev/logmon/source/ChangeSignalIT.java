package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    FileTailer tailer = new FileTailer(log, TailOptions.follow("log"), n -> {});
    assertReadAtOnceAfterALongSleep(
        log,
        (sink, stop) -> tailer.run(sink, Duration.ofMinutes(1), stop),
        () -> tailer.status().state() == SourceStatus.State.FOLLOWING);
  }

  @Test
  void aGlobInALongSleepReadsANewLineAtOnce() throws Exception {
    Path log = Files.writeString(dir.resolve("access.log"), "");
    GlobWatcher glob =
        new GlobWatcher(dir.resolve("*.log").toString(), TailOptions.follow("glob"), n -> {});
    assertReadAtOnceAfterALongSleep(
        log,
        (sink, stop) -> glob.run(sink, Duration.ofMinutes(1), stop),
        () ->
            !glob.status().isEmpty()
                && glob.status().get(0).state() == SourceStatus.State.FOLLOWING);
  }

  /**
   * Runs {@code watch} with a 1-minute poll, waits until it follows {@code log} and has backed off
   * into a long sleep, appends a line, and expects it within 3 s.
   */
  private static void assertReadAtOnceAfterALongSleep(
      Path log, Watch watch, BooleanSupplier following) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              try {
                watch.run(b -> lines.addAll(b.lines()), stop::get);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!following.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      // An idle file's sleeps double from 5 ms towards the 1-minute interval: 11 s on, the watcher
      // is in a sleep of 10.24 s that began at about 10.2 s, and only the change event can end it
      // within the 3 s allowed below.
      Thread.sleep(11_000);
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
}
