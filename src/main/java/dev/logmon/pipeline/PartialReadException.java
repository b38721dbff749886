package dev.logmon.pipeline;

import java.io.IOException;

/** A replayed file failed to read part way, after {@link #lines()} of its lines were counted. */
final class PartialReadException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long lines;

  PartialReadException(long lines, IOException cause) {
    super(cause.getMessage(), cause);
    this.lines = lines;
  }

  /** The lines counted before the error. */
  long lines() {
    return lines;
  }
}
