package dev.logmon.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KeyDictionary} against a HashMap under random adds, lookups and releases. */
class KeyDictionaryTest {
  @Test
  void behavesLikeAMapUnderRandomAddsAndReleases() {
    KeyDictionary d = new KeyDictionary();
    Map<String, Integer> ids = new HashMap<>();
    Random r = new Random(42);
    for (int step = 0; step < 200_000; step++) {
      String key = "/k" + r.nextInt(3_000);
      if (r.nextInt(3) == 0 && ids.containsKey(key)) {
        d.release(ids.remove(key));
        continue;
      }
      byte[] b = ("xx" + key).getBytes(StandardCharsets.ISO_8859_1);
      int id = r.nextBoolean() ? d.idOf(key) : d.idOf(b, 2, b.length, key.hashCode());
      Integer known = ids.putIfAbsent(key, id);
      if (known != null) {
        assertThat(id).isEqualTo(known);
      }
      assertThat(d.key(id)).isEqualTo(key);
      assertThat(d.size()).isEqualTo(ids.size());
    }
    // Released ids are reused: the id space stays as small as the most keys held at once.
    assertThat(d.idLimit()).isLessThanOrEqualTo(3_000);
    assertThat(d.flooded()).isFalse();
  }

  @Test
  void keysMadeToShareAStringHashSwitchToTheKeyedHashAndStillBehaveLikeAMap() {
    KeyDictionary d = new KeyDictionary();
    Map<String, Integer> ids = new HashMap<>();
    Random r = new Random(7);
    for (int step = 0; step < 60_000; step++) {
      String key = colliding(r.nextInt(1 << 14));
      if (r.nextInt(4) == 0 && ids.containsKey(key)) {
        d.release(ids.remove(key));
        continue;
      }
      byte[] b = ("xx" + key).getBytes(StandardCharsets.ISO_8859_1);
      int id = r.nextBoolean() ? d.idOf(key) : d.idOf(b, 2, b.length, key.hashCode());
      Integer known = ids.putIfAbsent(key, id);
      if (known != null) {
        assertThat(id).isEqualTo(known);
      }
      assertThat(d.key(id)).isEqualTo(key);
    }
    assertThat(d.flooded()).isTrue();
    assertThat(d.size()).isEqualTo(ids.size());
    ids.forEach((k, id) -> assertThat(d.idOf(k)).isEqualTo(id));
  }

  /** The i-th of the texts "/" + 14 pairs, each "Aa" or "BB", which share one String hash. */
  private static String colliding(int i) {
    StringBuilder s = new StringBuilder("/");
    for (int bit = 0; bit < 14; bit++) {
      s.append((i >> bit & 1) == 0 ? "Aa" : "BB");
    }
    return s.toString();
  }
}
