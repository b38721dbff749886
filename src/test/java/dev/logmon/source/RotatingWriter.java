package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * A test writer for rotation stress tests: appends numbered lines to {@code a.log} as fast as it
 * can through an 8 KiB buffer (so writes end mid-line), and after every {@code linesPerFile} lines
 * rotates in logrotate's numbered scheme ({@code a.log.49} to {@code a.log.50}, ..., {@code a.log}
 * to {@code a.log.1}, a new {@code a.log}); each rotation waits until it is allowed, so a test can
 * stop and start a follower between rotations.
 */
public final class RotatingWriter extends Thread {
  private final Path dir;
  private final int rotationsWanted;
  private final int linesPerFile;
  private final LongFunction<String> line;
  private final Semaphore allowed;
  private final AtomicInteger rotations = new AtomicInteger();
  private final AtomicInteger waitingFor = new AtomicInteger(-1);
  private final AtomicLong written = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean finished;

  /**
   * Writes {@code linesPerFile * (rotations + 1)} lines, line {@code n} (from 1) as {@code
   * line.apply(n)} (with its newline); {@code allowedAtOnce} rotations may go ahead unasked.
   */
  public RotatingWriter(
      Path dir, int rotations, int linesPerFile, LongFunction<String> line, int allowedAtOnce) {
    super("rotating-writer");
    this.dir = dir;
    this.rotationsWanted = rotations;
    this.linesPerFile = linesPerFile;
    this.line = line;
    this.allowed = new Semaphore(allowedAtOnce);
  }

  /** The number of lines it writes in all. */
  public long lines() {
    return (long) linesPerFile * (rotationsWanted + 1);
  }

  @Override
  public void run() {
    try {
      OutputStream out = open();
      for (long seq = 1; seq <= lines(); seq++) {
        out.write(line.apply(seq).getBytes(StandardCharsets.UTF_8));
        written.incrementAndGet();
        if (seq % linesPerFile == 0 && seq < lines()) {
          out.close(); // flushed: the rotated file holds whole lines, as a server's does
          waitingFor.set(rotations.get() + 1);
          allowed.acquire();
          waitingFor.set(-1);
          rotate();
          rotations.incrementAndGet();
          out = open();
        }
      }
      out.close();
    } catch (Throwable e) {
      failure.set(e);
    } finally {
      finished = true;
    }
  }

  private void rotate() throws IOException {
    for (int n = rotationsWanted; n >= 1; n--) {
      Path from = dir.resolve(n == 1 ? "a.log" : "a.log." + (n - 1));
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("a.log." + n));
      }
    }
  }

  private OutputStream open() throws IOException {
    return new BufferedOutputStream(
        Files.newOutputStream(
            dir.resolve("a.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        8192);
  }

  /** Lets {@code n} more rotations go ahead. */
  public void allow(int n) {
    allowed.release(n);
  }

  /** Whether every line was written (or writing failed). */
  public boolean done() {
    return finished;
  }

  public int rotations() {
    return rotations.get();
  }

  public long written() {
    return written.get();
  }

  public Throwable failure() {
    return failure.get();
  }

  /** Whether it has done {@code count} rotations and waits to do the next (or has finished). */
  public boolean waitingAt(int count) {
    return waitingFor.get() == count + 1 || (finished && rotations.get() >= count);
  }

  /** Waits for {@link #waitingAt}, failing after {@code deadline}. */
  public void awaitWaitingAt(int count, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (!waitingAt(count)) {
      assertThat(failure.get()).isNull();
      assertThat(System.nanoTime()).as("deadline").isLessThan(end);
      Thread.sleep(2); // waiting for the writer's state, not for a time
    }
  }
}
