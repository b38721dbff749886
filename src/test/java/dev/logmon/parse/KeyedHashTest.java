package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** KeyedHash is SipHash-2-4: the reference implementation's test vectors. */
class KeyedHashTest {
  // Key 00 01 .. 0f, read as two little-endian words (Aumasson and Bernstein, SipHash, appendix A).
  private static final long K0 = 0x0706050403020100L;
  private static final long K1 = 0x0f0e0d0c0b0a0908L;

  @Test
  void matchesTheReferenceVectors() {
    byte[] m = new byte[20];
    for (int i = 0; i < m.length; i++) {
      m[i] = (byte) i;
    }
    assertThat(KeyedHash.sipHash24(K0, K1, m, 0, 0)).isEqualTo(0x726fdb47dd0e0e31L);
    assertThat(KeyedHash.sipHash24(K0, K1, m, 0, 15)).isEqualTo(0xa129ca6149be45e5L);
  }

  @Test
  void hashesARangeAsItsBytesAlone() {
    byte[] a = "xx/AaBB yy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b = "/AaBB".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] c = "/BBAa".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(KeyedHash.of(a, 2, 7)).isEqualTo(KeyedHash.of(b, 0, 5));
    assertThat("/AaBB".hashCode()).isEqualTo("/BBAa".hashCode());
    assertThat(KeyedHash.of(b, 0, 5)).isNotEqualTo(KeyedHash.of(c, 0, 5));
  }
}
