package dev.logmon.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of an open log file: its {@code fileKey()} (device and inode) plus its first bytes.
 *
 * <p>The key tells rename+create rotation apart (a new inode at the path); the prefix tells a file
 * rewritten in place (copytruncate followed by new writes past our offset) apart from one that only
 * grew. The prefix is compared only over the bytes both versions have, and grows up to {@link
 * #PREFIX_BYTES} as the file does. A {@link FilePosition} keeps the key as text and the prefix as a
 * SHA-256, so a saved position can be matched to a file again after a restart. Not thread-safe.
 */
final class FileIdentity {
  static final int PREFIX_BYTES = 1024;

  private final Object fileKey;
  private byte[] prefix;
  private String prefixSha256; // of prefix; null until asked for, reset when the prefix grows

  private FileIdentity(Object fileKey, byte[] prefix) {
    this.fileKey = fileKey;
    this.prefix = prefix;
  }

  /** Reads the identity of the open file; {@code fileKey} may be null where unsupported. */
  static FileIdentity of(FileChannel channel, Object fileKey) throws IOException {
    return new FileIdentity(fileKey, readPrefix(channel));
  }

  /** The identity of a file whose first bytes (of its text, for a compressed file) are known. */
  static FileIdentity of(Object fileKey, byte[] prefix) {
    return new FileIdentity(fileKey, prefix.clone());
  }

  /**
   * Whether {@code text}, the first bytes of some file's text, starts with the first bytes a saved
   * position recorded (a rotated file found again, or compressed); an empty record matches nothing.
   */
  static boolean startsWith(byte[] text, FilePosition saved) {
    int n = saved.prefixLength();
    return n > 0 && text.length >= n && sha256(Arrays.copyOf(text, n)).equals(saved.prefixSha256());
  }

  /** The key of a file as saved in a {@link FilePosition}, or null where unsupported. */
  static String keyText(Object fileKey) {
    return fileKey == null ? null : fileKey.toString();
  }

  /** Whether {@code otherKey} names this file; without keys on this platform, assume it does. */
  boolean sameKey(Object otherKey) {
    return fileKey == null || otherKey == null || fileKey.equals(otherKey);
  }

  Object fileKey() {
    return fileKey;
  }

  /** A position in this file, for saving. */
  FilePosition position(String path, long offset, boolean midLine) {
    if (prefixSha256 == null) {
      prefixSha256 = sha256(prefix);
    }
    return new FilePosition(path, keyText(fileKey), prefix.length, prefixSha256, offset, midLine);
  }

  /** Whether {@code fileKey} may name the saved file; without keys, only the prefix can tell. */
  static boolean keyMatches(Object fileKey, FilePosition saved) {
    return fileKey == null || saved.fileKey() == null || saved.fileKey().equals(keyText(fileKey));
  }

  /** Whether the open file starts with the first bytes recorded in {@code saved}. */
  static boolean prefixMatches(FileChannel channel, FilePosition saved) throws IOException {
    byte[] now = readPrefix(channel, saved.prefixLength());
    return now.length == saved.prefixLength() && sha256(now).equals(saved.prefixSha256());
  }

  /**
   * Re-reads the first bytes: false if the bytes seen before changed (the content was replaced in
   * place); otherwise remembers any newly written prefix bytes and returns true.
   */
  boolean prefixUnchanged(FileChannel channel) throws IOException {
    byte[] now = readPrefix(channel);
    if (now.length < prefix.length
        || !Arrays.equals(now, 0, prefix.length, prefix, 0, prefix.length)) {
      return false; // shorter than what we saw at its start (it shrank), or other bytes
    }
    if (now.length > prefix.length) {
      prefix = now;
      prefixSha256 = null;
    }
    return true;
  }

  private static byte[] readPrefix(FileChannel channel) throws IOException {
    return readPrefix(channel, PREFIX_BYTES);
  }

  private static byte[] readPrefix(FileChannel channel, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      int n = channel.read(buf, buf.position());
      if (n <= 0) {
        break;
      }
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "FileIdentity[" + Objects.toString(fileKey) + ", " + prefix.length + " bytes]";
  }
}
