package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stress test in the style of Fluent Bit's: a writer appends sequence-numbered lines as fast as it
 * can (buffered, so writes end mid-line) across 50 rotations in logrotate's numbered scheme (every
 * rotation renames every file: {@code a.log.49} to {@code a.log.50}, ..., {@code a.log} to {@code
 * a.log.1}), while a {@link GlobWatcher} follows {@code a.log*}. Every sequence number must be read
 * exactly once; then the same with saved positions and four restarts, rotations going on while the
 * watcher is stopped.
 */
class GlobRotationStressIT {
  private static final int ROTATIONS = 50;
  private static final int LINES_PER_FILE = 4_000;
  private static final int N = LINES_PER_FILE * (ROTATIONS + 1);
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);

  @TempDir Path dir;

  @Test
  void everyLineOnceAcrossFiftyRotationsOfAGlobCoveringTheRotatedNames() throws Exception {
    RotatingWriter writer = writer(dir, ROTATIONS); // every rotation allowed at once
    Received received = new Received();
    GlobWatcher w = watcher(null);
    w.pollOnce(received); // following before the first line
    writer.start();
    pollUntilWriterDoneAndIdle(w, received, writer);
    w.close();
    report("glob stress", received, writer);
    assertThat(received.duplicates.get()).isZero();
    assertThat(received.malformed.get()).isZero();
    assertThat(received.missing()).isZero();
    assertThat(writer.rotations()).isEqualTo(ROTATIONS);
  }

  @Test
  void everyLineOnceWithSavedPositionsAndFourRestartsWhileRotationsGoOn() throws Exception {
    Path state = dir.resolve("state.json");
    Path logs = Files.createDirectory(dir.resolve("logs"));
    RotatingWriter writer = writer(logs, 0);
    Received received = new Received();
    SavedPositions[] committed = {new SavedPositions(Map.of())};
    BatchSink counted =
        batch -> {
          received.put(batch);
          committed[0].record(batch.end()); // as the pipeline commits a counted batch
        };
    writer.start();
    int granted = 0;
    for (int run = 1; run <= 5; run++) {
      Map<String, FilePosition> saved = StateFile.load(state, note -> {});
      committed[0] = new SavedPositions(saved); // as a restarted pipeline starts
      GlobWatcher w =
          new GlobWatcher(
              logs.resolve("a.log*").toString(),
              TailOptions.follow("glob").withFromStart(run == 1),
              note -> {},
              saved,
              new DescriptorLimit());
      if (run < 5) {
        granted += 8; // rotations while this run follows
        writer.allow(8);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!writer.waitingAt(granted)) {
          w.pollOnce(counted);
          assertThat(System.nanoTime()).as("deadline").isLessThan(deadline);
        }
        w.pollOnce(counted);
        w.close(); // stopped: what was counted is saved
        StateFile.write(state, committed[0].entries());
        granted += 4; // rotations while no watcher runs
        writer.allow(4);
        writer.awaitWaitingAt(granted, Duration.ofNanos(DEADLINE_NANOS));
      } else {
        writer.allow(ROTATIONS);
        pollUntilWriterDoneAndIdle(w, received, writer);
        w.close();
      }
    }
    report("glob stress with 4 restarts", received, writer);
    assertThat(writer.rotations()).isEqualTo(ROTATIONS);
    assertThat(received.duplicates.get()).isZero();
    assertThat(received.malformed.get()).isZero();
    assertThat(received.missing()).isZero();
  }

  private static RotatingWriter writer(Path dir, int allowedAtOnce) {
    return new RotatingWriter(
        dir, ROTATIONS, LINES_PER_FILE, seq -> "seq=" + seq + ";end\n", allowedAtOnce);
  }

  private GlobWatcher watcher(Map<String, FilePosition> saved) {
    return new GlobWatcher(
        dir.resolve("a.log*").toString(),
        TailOptions.follow("glob"),
        note -> {},
        saved,
        new DescriptorLimit());
  }

  private static void pollUntilWriterDoneAndIdle(
      GlobWatcher w, Received received, RotatingWriter writer) throws Exception {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    int idlePolls = 0;
    while (idlePolls < 3) {
      boolean done = writer.done(); // read before polling: everything written is on disk
      int lines = w.pollOnce(received);
      idlePolls = done && lines == 0 ? idlePolls + 1 : 0;
      assertThat(System.nanoTime()).as("deadline").isLessThan(deadline);
    }
    assertThat(writer.failure()).isNull();
  }

  private static void report(String what, Received received, RotatingWriter writer) {
    System.out.printf(
        "%s: %d lines written across %d rotations, %d distinct read, %d duplicates, %d missing%n",
        what,
        writer.written(),
        writer.rotations(),
        N - received.missing(),
        received.duplicates.get(),
        received.missing());
  }

  /** Collects sequence numbers; written by the polling thread only. */
  private static final class Received implements BatchSink {
    final AtomicReferenceArray<Boolean> seen = new AtomicReferenceArray<>(N + 1);
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();

    @Override
    public void put(LineBatch batch) {
      for (String line : batch.lines()) {
        if (!line.startsWith("seq=") || !line.endsWith(";end")) {
          malformed.incrementAndGet();
          continue;
        }
        int seq = Integer.parseInt(line.substring(4, line.length() - 4));
        if (seen.getAndSet(seq, Boolean.TRUE) != null) {
          duplicates.incrementAndGet();
        }
      }
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
