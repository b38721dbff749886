package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The identity of an open log file: its {@code fileKey()} (device and inode) plus its first bytes.
 *
 * <p>The key tells rename+create rotation apart (a new inode at the path); the prefix tells a file
 * rewritten in place (copytruncate followed by new writes past our offset) apart from one that only
 * grew. The prefix is compared only over the bytes both versions have, and grows up to {@link
 * #PREFIX_BYTES} as the file does. Not thread-safe.
 */
final class FileIdentity {
  static final int PREFIX_BYTES = 1024;

  private final Object fileKey;
  private byte[] prefix;

  private FileIdentity(Object fileKey, byte[] prefix) {
    this.fileKey = fileKey;
    this.prefix = prefix;
  }

  /** Reads the identity of the open file; {@code fileKey} may be null where unsupported. */
  static FileIdentity of(FileChannel channel, Object fileKey) throws IOException {
    return new FileIdentity(fileKey, readPrefix(channel));
  }

  /** Whether {@code otherKey} names this file; without keys on this platform, assume it does. */
  boolean sameKey(Object otherKey) {
    return fileKey == null || otherKey == null || fileKey.equals(otherKey);
  }

  Object fileKey() {
    return fileKey;
  }

  /**
   * Re-reads the first bytes: false if the bytes seen before changed (the content was replaced in
   * place); otherwise remembers any newly written prefix bytes and returns true.
   */
  boolean prefixUnchanged(FileChannel channel) throws IOException {
    if (channel.size() < prefix.length) {
      return false; // shorter than what we saw at its start: it shrank
    }
    byte[] now = readPrefix(channel);
    int common = Math.min(now.length, prefix.length);
    if (!Arrays.equals(now, 0, common, prefix, 0, common)) {
      return false;
    }
    if (now.length > prefix.length) {
      prefix = now;
    }
    return true;
  }

  private static byte[] readPrefix(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(PREFIX_BYTES);
    while (buf.hasRemaining()) {
      int n = channel.read(buf, buf.position());
      if (n <= 0) {
        break;
      }
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  @Override
  public String toString() {
    return "FileIdentity[" + Objects.toString(fileKey) + ", " + prefix.length + " bytes]";
  }
}
