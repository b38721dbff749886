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
 * be had (a file system without them, the kernel's watch limit reached) it is a plain sleep. While
 * its watcher's file is busy the events are turned off ({@link #events}: the directory's watch is
 * cancelled), so that the writes the polls read anyway do not each wake the JDK's watch thread. Not
 * thread-safe: belongs to its watcher's thread, except {@link #close}.
 */
final class ChangeSignal implements PollLoop.Sleeper, AutoCloseable {
  private WatchService service;
  private final Path directory;
  private final Predicate<Path> wakes;
  private WatchKey key; // the directory's watch; null while events are off

  private ChangeSignal(WatchService service, Path directory, WatchKey key, Predicate<Path> wakes) {
    this.service = service;
    this.directory = directory;
    this.key = key;
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
      return new ChangeSignal(null, null, null, wakes);
    }
    WatchService s = null;
    try {
      s = directory.getFileSystem().newWatchService();
      return new ChangeSignal(s, directory, register(directory, s), wakes);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // No directory (yet), no events on this file system, or no watches left: polling alone.
      closeQuietly(s);
      return new ChangeSignal(null, null, null, wakes);
    }
  }

  private static WatchKey register(Path directory, WatchService s) throws IOException {
    return directory.register(
        s,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE);
  }

  /** Whether change events are being received (else every sleep runs its full length). */
  boolean active() {
    return key != null;
  }

  /**
   * Turns change events off (the directory's watch cancelled, the watch service kept) or back on
   * (registered again). Events that came before they were turned off are dropped with their watch;
   * where the watch cannot be had again (the directory gone, no watches left), sleeps stay plain.
   */
  @Override
  public void events(boolean on) {
    if (service == null || on == (key != null)) {
      return;
    }
    if (!on) {
      WatchKey cancelled = key;
      key = null;
      try {
        cancelled.cancel();
      } catch (ClosedWatchServiceException e) {
        service = null; // closed meanwhile by another thread: nothing left to cancel
      }
      return;
    }
    try {
      key = register(directory, service);
    } catch (IOException | ClosedWatchServiceException | SecurityException e) {
      close(); // polling alone from now on, as when there were no events to begin with
    }
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
      if (key == null) {
        TimeUnit.NANOSECONDS.sleep(left);
        return;
      }
      WatchKey signalled;
      try {
        signalled = service.poll(left, TimeUnit.NANOSECONDS);
      } catch (ClosedWatchServiceException e) {
        service = null;
        key = null;
        continue;
      }
      if (signalled == null) {
        return;
      }
      if (signalled != key) {
        continue; // a watch cancelled while events were off, with what it had seen before
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
    key = null;
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
