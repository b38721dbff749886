package dev.logmon.source;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What follow mode reads: a path ({@link FileTailer}), a glob of paths ({@link GlobWatcher}),
 * standard input ({@link StdinSource}), a Kafka consumer group ({@code kafka.KafkaSource}) or the
 * syslog receiver. The pipeline runs each on a thread of its own, which hands complete lines to a
 * {@link BatchSink}.
 *
 * <p>{@link #start()} and {@link #run} belong to that thread (start is called by the pipeline
 * before any thread runs); {@link #statuses()} may be called from any thread.
 */
public interface LogSource extends AutoCloseable {
  /**
   * Fixes where each file's reading begins, before {@link #run}, without reading a line or printing
   * a note, so a line appended from now on is counted however late the source's thread starts.
   */
  default void start() {}

  /**
   * Reads until {@code stop} says so or, for a finite source, until its input ends; a file source
   * sleeps up to {@code pollInterval} after a poll that read nothing.
   */
  void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop) throws InterruptedException;

  /** The status of each file behind this source; callable from any thread. */
  List<SourceStatus> statuses();

  /** Whether input can end by itself (standard input), so the run may end when it does. */
  default boolean finite() {
    return false;
  }

  /**
   * The pipeline thread has counted {@code batch}, handed over by this source or another: a source
   * that keeps its positions outside logmon (Kafka's committed offsets) takes note of its own.
   */
  default void counted(LineBatch batch) {}

  /** Lets go of open files; an unterminated last line is not delivered. */
  @Override
  default void close() {}
}
