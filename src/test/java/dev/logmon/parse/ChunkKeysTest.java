package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunk keys number equal texts alike and different texts apart, through growth and clearing. */
class ChunkKeysTest {
  @Test
  void equalTextsShareANumberAndOthersDoNot() {
    Random r = new Random(7);
    StringBuilder text = new StringBuilder();
    int[] from = new int[20_000];
    int[] to = new int[from.length];
    for (int i = 0; i < from.length; i++) {
      // Few distinct short keys, and some that collide in String.hashCode ("Aa" and "BB").
      String k = r.nextInt(4) == 0 ? (r.nextBoolean() ? "Aa" : "BB") : "k" + r.nextInt(3_000);
      from[i] = text.length();
      text.append(k).append(' ');
      to[i] = from[i] + k.length();
    }
    byte[] buf = text.toString().getBytes(StandardCharsets.US_ASCII);
    ChunkKeys keys = new ChunkKeys();
    for (int round = 0; round < 2; round++) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < from.length; i++) {
        String k = new String(buf, from[i], to[i] - from[i], StandardCharsets.US_ASCII);
        int n = keys.intern(buf, from[i], to[i], ByteScan.hash(buf, from[i], to[i]));
        Integer before = seen.putIfAbsent(k, n);
        assertThat(n).as(k).isEqualTo(before == null ? seen.size() - 1 : before);
      }
      assertThat(keys.size()).isEqualTo(seen.size());
      keys.clear();
      assertThat(keys.size()).isZero();
    }
  }

  /** Texts of every length up to past the word-wise limit, differing at each position or not. */
  @Test
  void sameComparesEveryByte() {
    byte[] b = new byte[300];
    for (int len = 0; len <= 140; len++) {
      for (int x = 0; x < 8; x++) {
        int y = 150 + (x * 3) % 8;
        for (int i = 0; i < len; i++) {
          b[x + i] = (byte) ('a' + i % 7);
          b[y + i] = b[x + i];
        }
        assertThat(ChunkKeys.same(b, x, y, len)).as("length %d, equal", len).isTrue();
        for (int d = 0; d < len; d++) {
          b[y + d] ^= 1;
          assertThat(ChunkKeys.same(b, x, y, len)).as("length %d, differs at %d", len, d).isFalse();
          b[y + d] ^= 1;
        }
      }
    }
  }

  @Test
  void textsMadeToShareAStringHashSwitchToTheKeyedHashAndKeepTheirNumbers() {
    // 2^15 distinct paths of "Aa" and "BB" pairs, all with one String hash, each seen twice.
    int n = 1 << 15;
    StringBuilder text = new StringBuilder();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        text.append(colliding(i)).append(' ');
      }
    }
    byte[] buf = text.toString().getBytes(StandardCharsets.US_ASCII);
    int len = colliding(0).length();
    ChunkKeys keys = new ChunkKeys();
    for (int chunk = 0; chunk < 2; chunk++) {
      for (int j = 0; j < 2 * n; j++) {
        int from = j * (len + 1);
        assertThat(keys.intern(buf, from, from + len, ByteScan.hash(buf, from, from + len)))
            .isEqualTo(j % n);
      }
      assertThat(keys.size()).isEqualTo(n);
      assertThat(keys.flooded()).isTrue();
      keys.clear();
      assertThat(keys.flooded()).isFalse();
    }
  }

  @Test
  void honestTextsKeepTheStringHash() {
    ChunkKeys keys = new ChunkKeys();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      text.append("/p").append(i).append(' ');
    }
    byte[] buf = text.toString().getBytes(StandardCharsets.US_ASCII);
    int from = 0;
    for (int i = 0; i < 100_000; i++) {
      int to = from;
      while (buf[to] != ' ') {
        to++;
      }
      assertThat(keys.intern(buf, from, to, ByteScan.hash(buf, from, to))).isEqualTo(i);
      from = to + 1;
    }
    assertThat(keys.flooded()).isFalse();
  }

  /** The i-th of the texts "/" + 15 pairs, each "Aa" or "BB", which share one String hash. */
  static String colliding(int i) {
    StringBuilder s = new StringBuilder("/");
    for (int bit = 0; bit < 15; bit++) {
      s.append((i >> bit & 1) == 0 ? "Aa" : "BB");
    }
    return s.toString();
  }
}
