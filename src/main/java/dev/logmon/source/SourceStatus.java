package dev.logmon.source;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of one source's state and counters, safe to hand to other threads.
 *
 * @param name the display name of the source
 * @param state what the source is doing now
 * @param lines complete lines delivered
 * @param bytes bytes read
 * @param rotations times the path started naming a different file (rename+create, replace); for a
 *     file of a glob, times the file was renamed while followed
 * @param truncations times the file shrank or was rewritten in place (copytruncate)
 * @param oversizeLines lines cut to the line-length cap
 * @param readErrors episodes of failing to open or read (a repeated failure counts once)
 * @param lastError the most recent error message, or null if there was none
 * @param dropped messages lost before logmon could read them (a syslog UDP socket's receive buffer
 *     overflowing, as the kernel counts it); 0 for files
 * @param lag records waiting in a Kafka partition after the last one counted, or {@link #NO_LAG}
 * @param rejected inputs that carried no line, by reason key (a syslog frame that does not parse, a
 *     Kafka record without a line), sorted; empty for files
 */
public record SourceStatus(
    String name,
    State state,
    long lines,
    long bytes,
    long rotations,
    long truncations,
    long oversizeLines,
    long readErrors,
    String lastError,
    long dropped,
    long lag,
    Map<String, Long> rejected) {

  /** The {@link #lag()} of a source that has none (a file, a syslog host). */
  public static final long NO_LAG = -1;

  /** What a source is doing. */
  public enum State {
    /** The file does not exist (yet, or any more); it is looked for again on each poll. */
    WAITING,
    /** Reading new content as it is written. */
    FOLLOWING,
    /** The path was just found naming a new file; the old one was drained. */
    ROTATED,
    /** The file cannot be opened or read; retried on each poll. */
    ERROR,
    /**
     * The file exists but is not open yet: logmon has as many files open as the process's
     * descriptor limit allows ({@link DescriptorLimit}); it is opened in turn.
     */
    NOT_OPENED,
    /** Finished: end of input reached, or the source was closed. */
    DONE,
    /** A Kafka partition another member of the consumer group reads now; it may come back. */
    REVOKED
  }

  public SourceStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    rejected = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rejected));
  }

  /** The status of a file (or standard input): nothing dropped, no lag, nothing rejected. */
  public SourceStatus(
      String name,
      State state,
      long lines,
      long bytes,
      long rotations,
      long truncations,
      long oversizeLines,
      long readErrors,
      String lastError) {
    this(
        name,
        state,
        lines,
        bytes,
        rotations,
        truncations,
        oversizeLines,
        readErrors,
        lastError,
        0,
        NO_LAG,
        Map.of());
  }

  /** Rejected inputs of every reason together. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
