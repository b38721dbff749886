package dev.logmon.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Opens a log file for reading start to end, decompressing it when it is gzip (rotated logs are
 * usually {@code access.log.2.gz}): recognised by its magic bytes, not its name.
 */
public final class LogFiles {
  private static final int GZIP_BUFFER = 64 << 10;

  private LogFiles() {}

  /** Whether {@code path} starts with the gzip magic bytes {@code 1f 8b}. */
  public static boolean isGzip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }
  }

  /** The file's text as a stream: decompressed when it is gzip (several members are read on). */
  public static InputStream open(Path path) throws IOException {
    InputStream raw = Files.newInputStream(path);
    try {
      return isGzip(path)
          ? new GZIPInputStream(new BufferedInputStream(raw, GZIP_BUFFER), GZIP_BUFFER)
          : raw;
    } catch (IOException e) {
      raw.close();
      throw new IOException(path + ": not a readable gzip file: " + e.getMessage(), e);
    }
  }

  /** The file's text as a channel: the file itself when plain, so it is read without a copy. */
  public static ReadableByteChannel channel(Path path) throws IOException {
    return isGzip(path)
        ? new StreamChannel(open(path))
        : FileChannel.open(path, StandardOpenOption.READ);
  }

  /**
   * A stream as a channel, one stream read per channel read. Unlike {@code Channels.newChannel},
   * which loops over several reads, a read that fails has consumed nothing, so the bytes a
   * truncated gzip yielded before its error all reach the reader.
   */
  private static final class StreamChannel implements ReadableByteChannel {
    private final InputStream in;
    private boolean open = true;

    StreamChannel(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (dst.hasArray()) {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      byte[] b = new byte[Math.min(dst.remaining(), GZIP_BUFFER)];
      int n = in.read(b);
      if (n > 0) {
        dst.put(b, 0, n);
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      in.close();
    }
  }
}
