package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte parsers' arithmetic shortcuts equal the library calls they stand in for. */
class ByteArithmeticTest {
  @Test
  void firstMarkedByteIsTheLowestHighBitsByte() {
    // Every non-empty set of marked bytes: only the lowest one counts.
    for (int marks = 1; marks < 256; marks++) {
      long t = 0;
      for (int k = 0; k < 8; k++) {
        if ((marks & (1 << k)) != 0) {
          t |= 0x80L << (8 * k);
        }
      }
      assertThat(ByteScan.firstMarkedByte(t))
          .as("marks %s", Integer.toBinaryString(marks))
          .isEqualTo(Long.numberOfTrailingZeros(t) >>> 3);
    }
  }

  @Test
  void hashIsStringHashCode() {
    Random r = new Random(3);
    for (int n = 0; n < 2_000; n++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(256));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      String s = new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
      assertThat(ByteScan.hash(b, from, b.length)).as(s).isEqualTo(s.hashCode());
    }
  }

  @Test
  void nextSpaceFindsTheFirstSpace() {
    Random r = new Random(5);
    for (int n = 0; n < 5_000; n++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        int k = r.nextInt(10);
        b[i] = (byte) (k == 0 ? ' ' : k == 1 ? r.nextInt(256) : 'a' + r.nextInt(26));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      int to = from + (b.length == from ? 0 : r.nextInt(b.length - from + 1));
      int expected = from;
      while (expected < to && b[expected] != ' ') {
        expected++;
      }
      assertThat(ByteScan.nextSpace(b, from, to)).isEqualTo(expected);
    }
  }
}
