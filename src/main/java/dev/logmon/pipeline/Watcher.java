package dev.logmon.pipeline;

import dev.logmon.source.BatchSink;
import dev.logmon.source.FileTailer;
import dev.logmon.source.GlobWatcher;
import dev.logmon.source.LineBatch;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.StdinSource;
import dev.logmon.source.kafka.KafkaSource;
import dev.logmon.source.syslog.SyslogReceiver;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One watcher thread's job in follow mode: a file, a glob of files, or standard input. Adapts the
 * source stage's classes to one shape so {@link FollowRun} runs them alike.
 */
public interface Watcher {
  /**
   * Fixes where each file's reading begins (see {@link FileTailer#start()}), on the calling thread
   * and before {@link #run}, without reading a line or printing a note.
   */
  default void start() {}

  /** Runs until {@code stop} says so or, for a finite source, until its input ends. */
  void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException;

  /** The status of each file behind this watcher; callable from any thread. */
  List<SourceStatus> status();

  /** Whether input can end by itself (standard input), so the run may end when it does. */
  default boolean finite() {
    return false;
  }

  default void close() {}

  /**
   * The pipeline thread has counted {@code batch}, handed over by this watcher or another: a source
   * that keeps its positions outside logmon (Kafka's committed offsets) takes note of its own.
   */
  default void counted(LineBatch batch) {}

  /** A watcher of one path. */
  static Watcher of(FileTailer t, Duration poll) {
    return new Watcher() {
      @Override
      public void start() {
        t.start();
      }

      @Override
      public void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException {
        t.run(sink, poll, stop);
      }

      @Override
      public List<SourceStatus> status() {
        return List.of(t.status());
      }

      @Override
      public void close() {
        t.close();
      }
    };
  }

  /** A watcher of every file matching a glob, present and future. */
  static Watcher of(GlobWatcher g, Duration poll) {
    return new Watcher() {
      @Override
      public void start() {
        g.start();
      }

      @Override
      public void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException {
        g.run(sink, poll, stop);
      }

      @Override
      public List<SourceStatus> status() {
        return g.status();
      }

      @Override
      public void close() {
        g.close();
      }
    };
  }

  /** A watcher of standard input, which ends at end of input. */
  static Watcher of(StdinSource s) {
    return new Watcher() {
      @Override
      public void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException {
        s.run(sink);
      }

      @Override
      public List<SourceStatus> status() {
        return List.of(s.status());
      }

      @Override
      public boolean finite() {
        return true;
      }
    };
  }

  /** The syslog receiver: its own status and each sending host's. */
  static Watcher of(SyslogReceiver r, Consumer<String> notes) {
    return new Watcher() {
      @Override
      public void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException {
        r.run(sink, stop, notes);
      }

      @Override
      public List<SourceStatus> status() {
        return r.status();
      }

      @Override
      public void close() {
        try {
          r.close();
        } catch (java.io.IOException e) {
          notes.accept("cannot close the syslog sockets: " + e.getMessage());
        }
      }
    };
  }

  /** The Kafka input: its consumer's status and each partition's; counted batches acknowledged. */
  static Watcher of(KafkaSource k) {
    return new Watcher() {
      @Override
      public void run(BatchSink sink, BooleanSupplier stop) throws InterruptedException {
        k.run(sink, stop);
      }

      @Override
      public List<SourceStatus> status() {
        return k.status();
      }

      @Override
      public void counted(LineBatch batch) {
        k.counted(batch);
      }

      @Override
      public void close() {
        k.close();
      }
    };
  }
}
