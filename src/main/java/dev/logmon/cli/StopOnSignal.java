package dev.logmon.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Turns Ctrl-C and SIGTERM into a clean stop: the run is asked to stop, its summary is printed, and
 * the process exits 0 (not 130/143), since that is how an operator ends logmon.
 *
 * <p>A JVM shutdown hook cannot veto the exit, so the hook waits (at most {@link #GRACE_SECONDS})
 * for the run to finish and then halts with 0. The executable installs its guard before parsing the
 * command line ({@link #install}), so a signal while logmon is still starting (say, a service
 * manager's stop right after its start) stops the run as soon as it exists, before it reads
 * anything, and still ends with its summary and 0. Thread-safe: the hook and the run's thread meet
 * in synchronized state changes.
 */
final class StopOnSignal {
  static final int GRACE_SECONDS = 5;

  private static StopOnSignal installed; // guarded by StopOnSignal.class

  private final CountDownLatch done = new CountDownLatch(1);
  private final IntConsumer halt;
  private Runnable stop = () -> {};
  private List<Runnable> beforeExit = List.of();
  private PrintStream out = System.out;
  private PrintStream err = System.err;
  private boolean ended;
  private boolean signalled;

  /** A guard with no run to stop yet; {@code halt} ends the process. */
  StopOnSignal(IntConsumer halt) {
    this.halt = halt;
  }

  /** A guard whose hook is registered with the JVM. */
  private static StopOnSignal registered() {
    StopOnSignal guard = new StopOnSignal(Runtime.getRuntime()::halt);
    Runtime.getRuntime().addShutdownHook(new Thread(guard::onSignal, "logmon-shutdown"));
    return guard;
  }

  /** Registers the process's guard; called once by the executable before anything else runs. */
  static synchronized void install() {
    if (installed == null) {
      installed = registered();
    }
  }

  /**
   * The guard for a run that stops with {@code stop}: the process's (taking over a signal that came
   * during start-up: {@code stop} is called at once), or, when logmon runs inside another program
   * (tests), a new one.
   *
   * @param beforeExit clean-ups that must run even though the process ends with a halt
   */
  static StopOnSignal forRun(
      Runnable stop, List<Runnable> beforeExit, PrintStream out, PrintStream err) {
    StopOnSignal guard;
    synchronized (StopOnSignal.class) {
      guard = installed != null ? installed : registered();
    }
    guard.attach(stop, beforeExit, out, err);
    return guard;
  }

  void attach(Runnable stop, List<Runnable> beforeExit, PrintStream out, PrintStream err) {
    boolean stopNow;
    synchronized (this) {
      this.stop = stop;
      this.beforeExit = beforeExit;
      this.out = out;
      this.err = err;
      stopNow = signalled;
    }
    if (stopNow) {
      stop.run(); // the signal came first: the run begins stopped and prints its summary
    }
  }

  /** The hook: stops the run, waits for its summary, runs the clean-ups and halts with 0. */
  void onSignal() {
    Runnable s;
    synchronized (this) {
      if (ended) {
        return; // the run had ended by itself: the JVM exits with its own code
      }
      signalled = true;
      s = stop;
    }
    s.run();
    try {
      done.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Runnable> cleanUps;
    synchronized (this) {
      out.flush();
      err.flush();
      cleanUps = beforeExit;
    }
    cleanUps.forEach(Runnable::run);
    halt.accept(0);
  }

  /** Whether a signal has asked the run to stop. */
  synchronized boolean signalled() {
    return signalled;
  }

  /**
   * Called by the run's thread once the summary is printed (and by the executable when the command
   * line ends without a run). After a signal it never returns: the JVM is shutting down and the
   * hook is about to halt, and going on would race it (class loading fails mid-shutdown).
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

  /** Called by the executable after the command line returned: see {@link #runEnded}. */
  static void commandEnded() throws InterruptedException {
    StopOnSignal guard;
    synchronized (StopOnSignal.class) {
      guard = installed;
    }
    if (guard != null) {
      guard.runEnded();
    }
  }
}
