package dev.logmon.source;

import java.util.Objects;

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
    String lastError) {

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
    DONE
  }

  public SourceStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
  }
}
