package dev.logmon.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C and SIGTERM during a run into a clean stop: the run is asked to stop, its summary is
 * printed, and the process exits 0 (not 130/143), since that is how an operator ends logmon.
 *
 * <p>A JVM shutdown hook cannot veto the exit, so the hook waits (at most {@link #GRACE_SECONDS})
 * for the run to finish and then halts with 0. Thread-safe: the hook and the run's thread meet in
 * synchronized state changes.
 */
final class StopOnSignal {
  static final int GRACE_SECONDS = 5;

  private final CountDownLatch done = new CountDownLatch(1);
  private boolean ended;
  private boolean signalled;

  /**
   * Registers the hook.
   *
   * @param stop asks the run to stop (called on the hook's thread)
   * @param beforeExit clean-ups that must run even though the process ends with a halt
   */
  StopOnSignal(Runnable stop, List<Runnable> beforeExit, PrintStream out, PrintStream err) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!signal()) {
                    return; // the run had ended by itself: the JVM exits with its own code
                  }
                  stop.run();
                  try {
                    done.await(GRACE_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  out.flush();
                  err.flush();
                  beforeExit.forEach(Runnable::run);
                  Runtime.getRuntime().halt(0);
                },
                "logmon-shutdown"));
  }

  private synchronized boolean signal() {
    if (ended) {
      return false;
    }
    signalled = true;
    return true;
  }

  /** Whether a signal has asked the run to stop. */
  synchronized boolean signalled() {
    return signalled;
  }

  /**
   * Called by the run's thread once the summary is printed. After a signal it never returns: the
   * JVM is shutting down and the hook is about to halt, and going on would race it (class loading
   * fails mid-shutdown).
   */
  void runEnded() throws InterruptedException {
    boolean wait;
    synchronized (this) {
      ended = true;
      wait = signalled;
    }
    done.countDown();
    if (wait) {
      new CountDownLatch(1).await();
    }
  }
}
