package dev.logmon.source;

import java.util.Objects;

/**
 * How a {@link FileTailer} reads one file.
 *
 * @param fromStart read existing content from the start instead of following from the end
 * @param maxLineBytes longer lines are cut to this many bytes and counted as oversize
 * @param maxBatchLines the most lines handed over in one {@link LineBatch}
 * @param displayName the name used in batches, notes and status (usually the path as given)
 */
public record TailOptions(
    boolean fromStart, int maxLineBytes, int maxBatchLines, String displayName) {
  /**
   * Lines per batch of a message source (syslog, Kafka), whose recounts after a crash it bounds.
   */
  public static final int DEFAULT_MAX_BATCH_LINES = 1024;

  /** The default line-length cap, 64 KiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

  /** Lines per batch of a file or standard input: fewer, larger batches cost less per line. */
  public static final int FILE_BATCH_LINES = 8192;

  public TailOptions {
    Objects.requireNonNull(displayName, "displayName");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    if (maxBatchLines < 1) {
      throw new IllegalArgumentException("maxBatchLines must be >= 1: " + maxBatchLines);
    }
  }

  /** Follows {@code displayName} from its end with default limits. */
  public static TailOptions follow(String displayName) {
    return new TailOptions(false, DEFAULT_MAX_LINE_BYTES, FILE_BATCH_LINES, displayName);
  }

  /** A copy that reads existing content from the start (or not). */
  public TailOptions withFromStart(boolean fromStart) {
    return new TailOptions(fromStart, maxLineBytes, maxBatchLines, displayName);
  }

  /** A copy with other line and batch limits. */
  public TailOptions withLimits(int maxLineBytes, int maxBatchLines) {
    return new TailOptions(fromStart, maxLineBytes, maxBatchLines, displayName);
  }
}
