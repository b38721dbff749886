package dev.logmon.source;

import dev.logmon.source.SourceStatus.State;
import java.util.Map;

/**
 * The mutable counters of one source, published as {@link SourceStatus} snapshots.
 *
 * <p>Fields are written only by the source's own thread; {@link #publish()} stores an immutable
 * snapshot in a volatile field, which {@link #status()} reads from any thread.
 */
final class TailCounters {
  private String name;
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
  // The failure being reported now; a repeat of it on the next poll is not a new episode.
  private String currentError;
  private volatile SourceStatus status;

  TailCounters(String name) {
    this.name = name;
    publish();
  }

  /** Shows the source under another name from the next publish on (a glob's file was renamed). */
  void rename(String newName) {
    this.name = newName;
  }

  /**
   * Adds the counts of {@code earlier}, this file's counters before it was let go (missed by the
   * listings) and met again; a new name counts as a rotation.
   */
  void continueFrom(TailCounters earlier) {
    lines += earlier.lines;
    bytes += earlier.bytes;
    rotations += earlier.rotations + (earlier.name.equals(name) ? 0 : 1);
    truncations += earlier.truncations;
    oversizeBase += earlier.oversizeBase + earlier.oversizeCurrent;
    readErrors += earlier.readErrors;
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
            lastError,
            0,
            SourceStatus.NO_LAG,
            Map.of());
  }

  /** Records a failure to read; true if it starts a new episode (worth a note), not a repeat. */
  boolean fail(String message) {
    state = State.ERROR;
    lastError = message;
    if (message.equals(currentError)) {
      return false;
    }
    currentError = message;
    readErrors++;
    return true;
  }

  /** Ends the current failure episode; true if there was one. */
  boolean recovered() {
    boolean was = currentError != null;
    currentError = null;
    return was;
  }

  SourceStatus status() {
    return status;
  }
}
