package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  @TempDir Path dir;

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String numbered(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i <= to; i++) {
      s.append("line ").append(i).append('\n');
    }
    return s.toString();
  }

  private static String readAll(ReadableByteChannel ch) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(1000);
    while (ch.read(buf.clear()) >= 0) {
      all.write(buf.array(), 0, buf.position());
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  @Test
  void gzipIsRecognisedByItsMagicBytesNotItsName() throws IOException {
    Path gzNamedLog = dir.resolve("access.log");
    Files.write(gzNamedLog, gzip(numbered(1, 3)));
    Path plainNamedGz = dir.resolve("access.log.1.gz");
    Files.writeString(plainNamedGz, numbered(4, 5));
    assertThat(LogFiles.isGzip(gzNamedLog)).isTrue();
    assertThat(LogFiles.isGzip(plainNamedGz)).isFalse();
    try (InputStream in = LogFiles.open(gzNamedLog)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(numbered(1, 3));
    }
    try (ReadableByteChannel ch = LogFiles.channel(plainNamedGz)) {
      assertThat(readAll(ch)).isEqualTo(numbered(4, 5));
    }
  }

  @Test
  void aFileOfOneByteOrNoneIsPlain() throws IOException {
    Path empty = dir.resolve("empty.log");
    Files.write(empty, new byte[0]);
    Path one = dir.resolve("one.log");
    Files.write(one, new byte[] {0x1f});
    assertThat(LogFiles.isGzip(empty)).isFalse();
    assertThat(LogFiles.isGzip(one)).isFalse();
  }

  @Test
  void concatenatedGzipMembersAreAllRead() throws IOException {
    // `cat a.gz b.gz > c.gz` is a valid gzip file of both texts; logrotate's delaycompress sets
    // and some appenders produce such files.
    Path log = dir.resolve("joined.gz");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(gzip(numbered(1, 500)));
    both.write(gzip(numbered(501, 900)));
    Files.write(log, both.toByteArray());
    try (ReadableByteChannel ch = LogFiles.channel(log)) {
      assertThat(readAll(ch)).isEqualTo(numbered(1, 900));
    }
  }

  @Test
  void aTruncatedGzipYieldsEveryLineBeforeTheCutThenFails() throws IOException {
    byte[] whole = gzip(numbered(1, 20_000));
    Path log = dir.resolve("cut.gz");
    Files.write(log, Arrays.copyOf(whole, whole.length / 2));
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(1000);
    assertThatThrownBy(
            () -> {
              try (InputStream in = LogFiles.open(log)) {
                byte[] b = new byte[4096];
                for (int n; (n = in.read(b)) >= 0; ) {
                  splitter.feed(b, 0, n, Split.into(lines));
                }
              } finally {
                Split.flush(splitter).ifPresent(lines::add);
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unexpected end of ZLIB input stream");
    // Every complete line decompressed before the cut arrived, in order, plus the part line.
    assertThat(lines.size()).isGreaterThan(1000);
    for (int i = 0; i < lines.size() - 1; i++) {
      assertThat(lines.get(i)).isEqualTo("line " + (i + 1));
    }
    assertThat("line " + lines.size()).startsWith(lines.get(lines.size() - 1));

    // The channel loses nothing either: what it returned before the error is the same text.
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(4096);
    try (ReadableByteChannel ch = LogFiles.channel(log)) {
      assertThatThrownBy(
              () -> {
                while (ch.read(buf.clear()) >= 0) {
                  got.write(buf.array(), 0, buf.position());
                }
              })
          .isInstanceOf(IOException.class);
    }
    assertThat(got.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", lines));
  }
}
