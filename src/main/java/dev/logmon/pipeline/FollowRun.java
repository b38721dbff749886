package dev.logmon.pipeline;

import dev.logmon.present.SourceView;
import dev.logmon.source.BoundedBatchQueue;
import dev.logmon.source.LineBatch;
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follow mode: one watcher thread per {@link LogSource} feeding a bounded queue, and the calling
 * thread as the pipeline thread, which drains the queue and ticks the monitor with the wall clock.
 *
 * <p>The queue holds at most {@link #QUEUE_BYTES} bytes of batches; a watcher blocks when it is
 * full, so a writer faster than logmon slows reading (the file is the buffer) and nothing is
 * dropped. With {@link Checkpoints}, the position after each counted batch is committed and saved
 * every few seconds and once more after the final drain.
 */
public final class FollowRun {
  /** Capacity of the hand-over queue, in bytes: a file's batch is one poll's read, up to 4 MiB. */
  static final int QUEUE_BYTES = 32 << 20;

  /** Live views get a fresh snapshot this often while lines arrive (see Monitor.publish). */
  static final long PUBLISH_MILLIS = 50;

  private final List<LogSource> watchers;
  private final Duration poll;
  private final InstantSource clock;
  private final Consumer<String> notes;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final BoundedBatchQueue queue = new BoundedBatchQueue(QUEUE_BYTES);
  private Checkpoints checkpoints;
  private java.util.function.Function<dev.logmon.present.Presenter, Monitor> warmUp;
  private volatile Monitor running;
  // The pipeline thread's, between turns of its loop.
  private final List<LineBatch> drained = new ArrayList<>();
  private long published = Long.MIN_VALUE;
  private boolean unpublished;

  /** A run of {@code sources}, whose files are polled every {@code poll} at most when quiet. */
  public FollowRun(
      List<LogSource> sources, Duration poll, InstantSource clock, Consumer<String> notes) {
    this.watchers = List.copyOf(sources);
    this.poll = poll;
    this.clock = clock;
    this.notes = notes;
  }

  /** The statuses of the watched files, for presenters; callable from any thread. */
  public List<SourceView> sources() {
    List<SourceView> views = new ArrayList<>();
    for (LogSource w : watchers) {
      for (SourceStatus s : w.statuses()) {
        views.add(SourceView.of(s));
      }
    }
    return views;
  }

  /** Saves committed read positions through {@code c} (for {@code --state}); call before run. */
  public void saveStateTo(Checkpoints c) {
    this.checkpoints = c;
  }

  /**
   * Once the watchers have started, runs the path over synthetic lines so that the JIT has compiled
   * it for the first real lines ({@link JitWarmUp}), which wait in the queue meanwhile; call before
   * run. {@code twin} makes a monitor configured as the run's, reporting to the presenter given.
   */
  public void warmUpJit(java.util.function.Function<dev.logmon.present.Presenter, Monitor> twin) {
    this.warmUp = twin;
  }

  /**
   * Asks the run to end; {@link #run} then stops its watchers, drains and finishes. The monitor
   * stops completing seconds at once, so a run in the middle of a jump in time stops promptly too.
   */
  public void stop() {
    stop.set(true);
    Monitor m = running;
    if (m != null) {
      m.requestStop();
    }
  }

  /** Runs on the calling thread until {@link #stop()}; then prints the summary and returns. */
  public void run(Monitor monitor) throws InterruptedException {
    running = monitor;
    if (stop.get()) {
      monitor.requestStop(); // stopped before the run began
    }
    List<Thread> threads = new ArrayList<>();
    List<Thread> finite = new ArrayList<>();
    for (LogSource w : watchers) {
      Thread th =
          new Thread(
              () -> {
                try {
                  w.run(queue, poll, stop::get);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  notes.accept("watcher failed: " + e);
                }
              },
              "logmon-watch-" + threads.size());
      th.setDaemon(true);
      threads.add(th);
      if (w.finite()) {
        finite.add(th);
      }
    }
    // When every source can end (standard input only), the run ends with the last of them.
    boolean endsByItself = finite.size() == threads.size();
    // Every file's start is fixed before any watcher reads or reports anything (and before the
    // first report says it follows): a line appended from now on is counted, however late its
    // watcher thread gets to open the file.
    watchers.forEach(LogSource::start);
    // The watchers start first: each opens its file (at its end, when following) at once, and
    // what is written during the warm-up waits in the queue (the file is the buffer) rather than
    // being skipped by a watcher that would open the file only after it.
    threads.forEach(Thread::start);
    if (warmUp != null) {
      // A stop meanwhile ends it at once.
      JitWarmUp.run(warmUp, stop::get, Path.of(System.getProperty("java.io.tmpdir")));
    }
    monitor.startAt(clock.instant().getEpochSecond());
    try {
      while (!stop.get()) {
        turn(monitor, endsByItself, finite);
      }
    } finally {
      stop.set(true);
      for (Thread th : threads) {
        th.interrupt();
      }
      for (Thread th : threads) {
        th.join(2000);
      }
      // Lines already handed over are counted, never lost.
      queue.drainTo(drained);
      for (LineBatch d : drained) {
        count(monitor, d);
      }
      for (LogSource w : watchers) {
        w.close();
      }
      if (checkpoints != null) {
        checkpoints.save(); // before the summary, so a summary seen means the state is on disk
      }
      monitor.finish();
    }
  }

  /**
   * One turn of the pipeline thread's loop: the batches waiting (or the first within 100 ms), the
   * wall clock's second, a view, the state file. A method of its own, compiled after a few hundred
   * turns: a loop body in {@link #run}, called once, would wait 60,000 turns for on-stack
   * replacement.
   */
  private void turn(Monitor monitor, boolean endsByItself, List<Thread> finite)
      throws InterruptedException {
    LineBatch b = queue.poll(100, TimeUnit.MILLISECONDS);
    if (b != null) {
      count(monitor, b);
      queue.drainTo(drained);
      for (LineBatch d : drained) { // no lambda: linking one costs milliseconds at its first batch
        count(monitor, d);
      }
      drained.clear();
      unpublished = true;
    }
    long nowMillis = clock.millis();
    monitor.tick(Math.floorDiv(nowMillis, 1000));
    // Publish once the queue is drained (the latest lines show at once), or every
    // PUBLISH_MILLIS while it never is (a snapshot costs a walk over the windows' keys).
    if (unpublished
        && (queue.size() == 0
            || published == Long.MIN_VALUE
            || nowMillis - published >= PUBLISH_MILLIS)) {
      monitor.publish();
      published = nowMillis;
      unpublished = false;
    }
    if (checkpoints != null) {
      checkpoints.maybeSave(Math.floorDiv(nowMillis, 1000));
    }
    if (endsByItself && queue.size() == 0 && finite.stream().noneMatch(Thread::isAlive)) {
      stop.set(true);
    }
  }

  private void count(Monitor monitor, LineBatch b) {
    try {
      monitor.accept(b);
    } finally {
      // Only now: a batch read but not counted must be read again. A batch whose counting failed
      // is committed too (the run then ends with the error), so that --state never makes a
      // restarted logmon read, and fail on, the same line forever.
      if (checkpoints != null) {
        checkpoints.commit(b);
      }
      for (LogSource w : watchers) {
        w.counted(b);
      }
    }
  }
}
