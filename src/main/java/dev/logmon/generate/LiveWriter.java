package dev.logmon.generate;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A writer that appends generated lines to a file in real time, following a {@link Schedule}.
 *
 * <p>The number of lines written by time {@code t} after construction is {@code
 * floor(schedule.linesBy(t))}, so fractional rates work and no rounding error accumulates. Each
 * line is stamped with the clock's second at the moment it is written. Every write is a run of
 * whole lines in one {@code write} call on a file opened in append mode, so a tailer never sees
 * half a line and other appenders are not interleaved mid-line.
 *
 * <p>Not thread-safe: one thread owns it; other threads stop it through the {@code stop} supplier
 * or by interrupting that thread.
 */
public final class LiveWriter implements Closeable {
  /** How long {@link #run} sleeps between steps: short enough to look continuous to a tailer. */
  public static final Duration TICK = Duration.ofMillis(50);

  // Bounds the memory of one write when catching up after a stall (e.g. a suspended laptop).
  private static final int MAX_LINES_PER_WRITE = 10_000;
  // linesBy() is a sum of products; without slack 2.9999999999 would floor to 2.
  private static final double EPSILON = 1e-9;

  private final OutputStream out;
  private final TrafficGenerator generator;
  private final Schedule schedule;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Instant start;
  private long written;

  /**
   * Opens {@code file} for appending, creating it if missing; the schedule starts now.
   *
   * @throws IOException if the file cannot be opened for writing
   */
  public LiveWriter(
      Path file,
      TrafficGenerator generator,
      Schedule schedule,
      InstantSource clock,
      Sleeper sleeper)
      throws IOException {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    // FileOutputStream, unlike a FileChannel, is not closed by an interrupt mid-write.
    this.out = new FileOutputStream(file.toFile(), true);
    this.start = clock.instant();
  }

  /** Returns how many lines this writer has written so far. */
  public long written() {
    return written;
  }

  /** Writes every line due by now and returns how many it wrote. */
  public long step() throws IOException {
    return stepUntil(Long.MAX_VALUE);
  }

  /**
   * Steps and sleeps {@link #TICK} until {@code stop} returns true or the thread is interrupted.
   *
   * @return the number of lines written by this call
   */
  public long run(BooleanSupplier stop) throws IOException {
    return loop(Long.MAX_VALUE, stop);
  }

  /**
   * Like {@link #run(BooleanSupplier)}, but also ends once {@code duration} has elapsed since
   * construction, having written exactly the lines due by then.
   */
  public long run(Duration duration, BooleanSupplier stop) throws IOException {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
    return loop(duration.toNanos(), stop);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  // Loop control counts whole nanoseconds: with doubles a remainder can round to a zero sleep.
  private long loop(long limitNanos, BooleanSupplier stop) throws IOException {
    long before = written;
    try {
      while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        stepUntil(limitNanos);
        long remaining = limitNanos - elapsedNanos(clock.instant());
        if (remaining <= 0) {
          break;
        }
        sleeper.sleep(remaining < TICK.toNanos() ? Duration.ofNanos(remaining) : TICK);
      }
    } catch (InterruptedException e) {
      // Interrupt is a request to stop: finish cleanly and let the caller see the flag.
      Thread.currentThread().interrupt();
    }
    return written - before;
  }

  private long stepUntil(long limitNanos) throws IOException {
    Instant now = clock.instant();
    double elapsed = Math.min(limitNanos, elapsedNanos(now)) / 1e9;
    long due = (long) Math.floor(schedule.linesBy(elapsed) + EPSILON);
    long before = written;
    double load = schedule.loadAt(elapsed);
    StringBuilder text = new StringBuilder();
    while (written < due) {
      int lines = (int) Math.min(due - written, MAX_LINES_PER_WRITE);
      text.setLength(0);
      for (int i = 0; i < lines; i++) {
        text.append(generator.line(now.getEpochSecond(), load)).append('\n');
      }
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      written += lines;
    }
    out.flush();
    return written - before;
  }

  private long elapsedNanos(Instant now) {
    // Saturates rather than overflows: a clock centuries off must not wrap around.
    Duration elapsed = Duration.between(start, now);
    return elapsed.toSeconds() > Long.MAX_VALUE / 2_000_000_000L
        ? Long.MAX_VALUE
        : elapsed.toNanos();
  }
}
