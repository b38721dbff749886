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
}
