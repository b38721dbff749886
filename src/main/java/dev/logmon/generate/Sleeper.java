package dev.logmon.generate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A way to wait, injected so tests can advance a fake clock instead of sleeping.
 *
 * <p>Implementations must be safe to call from the thread that runs the writer.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread with {@link TimeUnit#sleep}. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /** Waits for about {@code duration}; throws if the thread is interrupted meanwhile. */
  void sleep(Duration duration) throws InterruptedException;
}
