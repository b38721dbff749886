package dev.logmon.source;

import java.util.Objects;

/**
 * Where reading of one followed path stands: which file (by identity) and how far into it.
 *
 * <p>A {@link LineBatch} from a tailer started with saved positions carries the position just after
 * its last line; once the pipeline has counted the batch, that position is safe to save.
 *
 * @param path the followed path, absolute and normalized (the key in the state file)
 * @param fileKey the file's {@code fileKey()} as text (device and inode), or null if unsupported
 * @param prefixLength how many of the file's first bytes {@code prefixSha256} covers
 * @param prefixSha256 the SHA-256 of those first bytes, in lowercase hex
 * @param offset the byte offset just after the last line delivered
 * @param midLine whether {@code offset} lies inside a line whose rest must be skipped: an oversize
 *     line, or one delivered unterminated when its file was let go or rotated away
 */
public record FilePosition(
    String path,
    String fileKey,
    int prefixLength,
    String prefixSha256,
    long offset,
    boolean midLine) {
  public FilePosition {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(prefixSha256, "prefixSha256");
    if (prefixLength < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "negative prefixLength or offset: " + prefixLength + ", " + offset);
    }
  }

  /** The same file at another place in it. */
  FilePosition at(long newOffset, boolean newMidLine) {
    return new FilePosition(path, fileKey, prefixLength, prefixSha256, newOffset, newMidLine);
  }
}
