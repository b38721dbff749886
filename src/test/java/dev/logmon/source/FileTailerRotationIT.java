package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stress test: a writer appends sequence-numbered lines as fast as it can across 50 rotations while
 * a {@link FileTailer} polls; rename rotations must lose and duplicate nothing, and the loss from
 * copytruncate (lines written after our last read and before the truncate) is bounded.
 */
class FileTailerRotationIT {
  private static final int LINES_PER_FILE = 2_000;
  private static final int ROTATIONS = 50;
  private static final int N = LINES_PER_FILE * (ROTATIONS + 1);
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);

  @TempDir Path dir;

  @Test
  void renameAndCreateRotationsLoseAndDuplicateNothing() throws Exception {
    Received received = run(false);
    assertThat(received.malformed.get()).isZero();
    assertThat(received.duplicates.get()).isZero();
    assertThat(received.missing()).isZero();
  }

  @Test
  void mixedRotationsWithCopyTruncateBoundTheLoss() throws Exception {
    Received received = run(true);
    long missing = received.missing();
    System.out.printf(
        "copytruncate stress: %d of %d lines missing, %d fragments, %d duplicates%n",
        missing, N, received.malformed.get(), received.duplicates.get());
    assertThat(received.duplicates.get()).isZero();
    assertThat(received.lossOnlyInCopyTruncatedTails()).isTrue();
    // Only the 25 copytruncates can lose lines, each at most the lines of its own cycle.
    assertThat(missing).isLessThanOrEqualTo((long) (ROTATIONS / 2) * LINES_PER_FILE);
    assertThat(received.malformed.get()).isLessThanOrEqualTo(ROTATIONS / 2);
  }

  private Received run(boolean mixCopyTruncate) throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, "");
    Received received = new Received();
    FileTailer tailer =
        new FileTailer(log, TailOptions.follow("log"), note -> {}, null, new DescriptorLimit());
    tailer.pollOnce(received);
    AtomicBoolean writerDone = new AtomicBoolean();
    AtomicReference<Throwable> writerFailure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                write(log, mixCopyTruncate, received);
              } catch (Throwable e) {
                writerFailure.set(e);
              } finally {
                writerDone.set(true);
              }
            });
    writer.start();
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    int idlePollsAfterWriter = 0;
    while (idlePollsAfterWriter < 3) {
      boolean done = writerDone.get(); // read before polling: everything written is on disk
      int lines = tailer.pollOnce(received);
      idlePollsAfterWriter = done && lines == 0 ? idlePollsAfterWriter + 1 : 0;
      assertThat(System.nanoTime()).as("deadline").isLessThan(deadline);
    }
    writer.join();
    assertThat(writerFailure.get()).isNull();
    SourceStatus status = tailer.status();
    assertThat(status.rotations()).isEqualTo(mixCopyTruncate ? ROTATIONS / 2 : ROTATIONS);
    assertThat(status.truncations()).isEqualTo(mixCopyTruncate ? ROTATIONS / 2 : 0);
    return received;
  }

  private static void write(Path log, boolean mixCopyTruncate, Received received)
      throws IOException {
    FileChannel out = open(log);
    long firstOfCycle = 1;
    for (int seq = 1; seq <= N; seq++) {
      out.write(ByteBuffer.wrap(("seq=" + seq + ";end\n").getBytes(StandardCharsets.US_ASCII)));
      if (seq % LINES_PER_FILE == 0 && seq < N) {
        int rotation = seq / LINES_PER_FILE;
        // Rotations far apart compared to polls, as in life: the tailer has reached this cycle.
        awaitSeen(received, firstOfCycle);
        Path rotated = dir(log).resolve("access.log." + rotation);
        if (mixCopyTruncate && rotation % 2 == 0) {
          Files.copy(log, rotated);
          try (FileChannel truncator = FileChannel.open(log, StandardOpenOption.WRITE)) {
            truncator.truncate(0);
          }
        } else {
          out.close();
          Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
          out = open(log);
        }
        firstOfCycle = seq + 1L;
      }
    }
    out.close();
  }

  private static Path dir(Path log) {
    return log.getParent();
  }

  private static FileChannel open(Path log) throws IOException {
    return FileChannel.open(
        log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Waits until the tailer has read line {@code seq}, so at most one rotation is ever pending;
   * fails the writer (and so the test) after a deadline rather than rotating on regardless. Parks
   * rather than spins: on a busy machine a spinning writer would take the polling thread's core.
   */
  private static void awaitSeen(Received received, long seq) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.maxSeen.get() < seq) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the tailer never read line " + seq);
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
  }

  /** Collects sequence numbers; written by the polling thread, read by the writer. */
  private static final class Received implements BatchSink {
    final AtomicReferenceArray<Boolean> seen = new AtomicReferenceArray<>(N + 1);
    final AtomicLong maxSeen = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();

    @Override
    public void put(LineBatch batch) {
      for (String line : batch.lines()) {
        if (!line.startsWith("seq=") || !line.endsWith(";end")) {
          malformed.incrementAndGet(); // a fragment cut by copytruncate
          continue;
        }
        int seq = Integer.parseInt(line.substring(4, line.length() - 4));
        if (seen.getAndSet(seq, Boolean.TRUE) != null) {
          duplicates.incrementAndGet();
        }
        maxSeen.accumulateAndGet(seq, Math::max);
      }
    }

    /**
     * True if every missing line lies in the tail of a cycle ended by a copytruncate: the lines
     * written after our last read of that file and before it was copied and truncated.
     */
    boolean lossOnlyInCopyTruncatedTails() {
      for (int seq = 1; seq <= N; seq++) {
        int cycle = (seq - 1) / LINES_PER_FILE + 1; // the rotation that ends this line's file
        boolean cycleEnd = seq % LINES_PER_FILE == 0;
        if (seen.get(seq) == null) {
          boolean copyTruncated = cycle % 2 == 0 && cycle <= ROTATIONS;
          if (!copyTruncated || (!cycleEnd && seen.get(seq + 1) != null)) {
            return false;
          }
        }
      }
      return true;
    }

    long missing() {
      long missing = 0;
      for (int i = 1; i <= N; i++) {
        if (seen.get(i) == null) {
          missing++;
        }
      }
      return missing;
    }
  }
}
