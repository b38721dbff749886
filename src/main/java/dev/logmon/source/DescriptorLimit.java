package dev.logmon.source;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How many log files logmon may hold open at once, learned the first time the system refuses one
 * for lack of file descriptors ({@code ulimit -n}): from then on the glob watchers keep that many,
 * less a reserve for directory listings, the state file and web clients, and read the other files
 * in turn as theirs are closed. The first refusal is noted once.
 *
 * <p>There is no limit until a refusal: an operator who raised {@code ulimit -n} pays nothing. The
 * learned limit is not raised again. Thread-safe: one instance is shared by every watcher.
 */
public final class DescriptorLimit {
  /** Descriptors kept free once the limit is known, at most half of those held then. */
  static final int RESERVE = 32;

  private final AtomicInteger held = new AtomicInteger();
  private final AtomicBoolean noted = new AtomicBoolean();
  private volatile int cap;

  /** No limit until the system refuses a file. */
  public DescriptorLimit() {
    this(Integer.MAX_VALUE);
  }

  /** A limit known in advance (tests). */
  DescriptorLimit(int cap) {
    this.cap = cap;
  }

  /** Whether {@code e} says the process (or the system) has no file descriptor left. */
  static boolean isExhausted(IOException e) {
    String reason =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    return reason != null && reason.contains("Too many open files");
  }

  /** Takes one descriptor of the budget for a file about to be opened; false if none is left. */
  boolean tryAcquire() {
    while (true) {
      int n = held.get();
      if (n >= cap) {
        return false;
      }
      if (held.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a descriptor taken by {@link #tryAcquire} (its file was closed). */
  void release() {
    held.decrementAndGet();
  }

  /**
   * The system refused to open a file (the descriptor taken for it was released): the limit is now
   * what is held less the reserve. Notes it the first time.
   */
  void refused(Consumer<String> notes) {
    int n = held.get();
    cap = Math.max(1, n - Math.min(RESERVE, n / 2));
    if (noted.compareAndSet(false, true)) {
      notes.accept(
          "too many open files (ulimit -n): logmon keeps "
              + cap
              + " log files open and reads the others in turn, shown as not_opened until then;"
              + " raise the limit to follow them all at once");
    }
  }

  /** The descriptors taken now. */
  int held() {
    return held.get();
  }
}
