package dev.logmon.source;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A watcher's sleep between polls that ends early when the kernel reports a change to a watched
 * file (inotify on Linux, through {@link WatchService}), so a file written after a quiet spell is
 * read within milliseconds instead of up to a poll interval later, at no cost while nothing is
 * written.
 *
 * <p>Polling stays the ground truth: an event only shortens a sleep, and where no change events can
 * be had (a file system without them, the kernel's watch limit reached) it is a plain sleep. Not
 * thread-safe: belongs to its watcher's thread, except {@link #close}.
 */
final class ChangeSignal implements PollLoop.Sleeper, AutoCloseable {
  private WatchService service;
  private final Predicate<Path> wakes;

  private ChangeSignal(WatchService service, Predicate<Path> wakes) {
    this.service = service;
    this.wakes = wakes;
  }

  /** Wakes on a change to {@code file}: written, created (rotated in), deleted or moved away. */
  static ChangeSignal forFile(Path file) {
    Path absolute = file.toAbsolutePath();
    Path name = absolute.getFileName();
    return watching(absolute.getParent(), name == null ? p -> true : name::equals);
  }

  /** Wakes on a change to any file directly in {@code directory}. */
  static ChangeSignal forDirectory(Path directory) {
    return watching(directory.toAbsolutePath(), p -> true);
  }

  private static ChangeSignal watching(Path directory, Predicate<Path> wakes) {
    if (directory == null) {
      return new ChangeSignal(null, wakes);
    }
    WatchService s = null;
    try {
      s = directory.getFileSystem().newWatchService();
      directory.register(
          s,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE);
      return new ChangeSignal(s, wakes);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // No directory (yet), no events on this file system, or no watches left: polling alone.
      closeQuietly(s);
      return new ChangeSignal(null, wakes);
    }
  }

  /** Whether change events are being received (else every sleep runs its full length). */
  boolean active() {
    return service != null;
  }

  /** Sleeps {@code millis} milliseconds, or less if a watched file changes meanwhile. */
  @Override
  public void sleep(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      if (service == null) {
        TimeUnit.NANOSECONDS.sleep(left);
        return;
      }
      WatchKey key;
      try {
        key = service.poll(left, TimeUnit.NANOSECONDS);
      } catch (ClosedWatchServiceException e) {
        service = null;
        continue;
      }
      if (key == null) {
        return;
      }
      boolean wake = false;
      for (WatchEvent<?> e : key.pollEvents()) {
        wake |=
            e.kind() == StandardWatchEventKinds.OVERFLOW
                || (e.context() instanceof Path p && wakes.test(p));
      }
      if (!key.reset()) {
        // The directory itself went away: nothing more will come, poll on a plain timer.
        close();
        wake = true;
      }
      if (wake) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(service);
    service = null;
  }

  private static void closeQuietly(WatchService s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing only releases the inotify instance; there is nothing to report.
      }
    }
  }
}
