package dev.logmon.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Generated traffic running on a background daemon thread, for {@code logmon --demo}; closing it
 * stops the thread.
 *
 * <p>{@link #SCHEDULE} is tuned for a 30 s alert window with a 10 lines/s threshold: 10 s calm at
 * 5/s, then 20 s at 30/s and 60 s calm, repeating. The hits of the last 30 s divided by 30 exceed
 * 10/s about 18 s after the start and fall back to 10/s about 54 s after the start, so a newcomer
 * sees an alert and its recovery within a minute.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread.
 */
public final class DemoTraffic implements AutoCloseable {
  /** The demo's rate plan; see the class comment for when it alerts and recovers. */
  public static final Schedule SCHEDULE =
      new Schedule(Shape.SPIKE, 5, 30, new SpikeTiming(10, 20, 60));

  private static final long JOIN_MILLIS = 2_000;

  private final Thread thread;
  private final AtomicBoolean stop = new AtomicBoolean();

  private DemoTraffic(LiveWriter writer) {
    this.thread = new Thread(() -> write(writer), "logmon-demo-traffic");
    // A daemon, so a monitor that exits without closing us does not hang the JVM.
    thread.setDaemon(true);
  }

  /**
   * Starts appending {@link #SCHEDULE} traffic with seed 1 to {@code file} on a new daemon thread,
   * in real time.
   *
   * @throws IOException if {@code file} cannot be opened for appending (reported here, on the
   *     caller's thread, rather than lost on the background one)
   */
  public static DemoTraffic start(Path file) throws IOException {
    LiveWriter writer =
        new LiveWriter(
            file, new TrafficGenerator(1), SCHEDULE, InstantSource.system(), Sleeper.SYSTEM);
    DemoTraffic demo = new DemoTraffic(writer);
    demo.thread.start();
    return demo;
  }

  /** Returns whether the background thread is still writing. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Stops the background thread and waits briefly for it to finish its current write. */
  @Override
  public void close() {
    stop.set(true);
    thread.interrupt();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(LiveWriter writer) {
    try (writer) {
      writer.run(stop::get);
    } catch (IOException e) {
      // The file stopped taking writes (deleted folder, full disk): the traffic stops, as the
      // monitor following the file shows; the demo has no one else to tell.
    }
  }
}
