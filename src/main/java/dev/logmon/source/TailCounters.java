package dev.logmon.source;

import dev.logmon.source.SourceStatus.State;

/**
 * The mutable counters of one source, published as {@link SourceStatus} snapshots.
 *
 * <p>Fields are written only by the source's own thread; {@link #publish()} stores an immutable
 * snapshot in a volatile field, which {@link #status()} reads from any thread.
 */
final class TailCounters {
  private final String name;
  State state = State.WAITING;
  long lines;
  long bytes;
  long rotations;
  long truncations;
  // Oversize lines of files already closed, plus those of the file being read.
  long oversizeBase;
  long oversizeCurrent;
  long readErrors;
  String lastError;
  private volatile SourceStatus status;

  TailCounters(String name) {
    this.name = name;
    publish();
  }

  void publish() {
    status =
        new SourceStatus(
            name,
            state,
            lines,
            bytes,
            rotations,
            truncations,
            oversizeBase + oversizeCurrent,
            readErrors,
            lastError);
  }

  SourceStatus status() {
    return status;
  }
}
