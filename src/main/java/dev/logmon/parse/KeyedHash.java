package dev.logmon.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * SipHash-2-4 under a key drawn at random once per process: the hash that the key tables switch to
 * when a log's texts make String hashes collide.
 *
 * <p>String's hash is public and weak, so a few kilobytes of log lines ("AaBB...", "BBAa...") can
 * give thousands of distinct paths one hash and make every open-addressing lookup a scan. SipHash
 * is the keyed hash made for this (it is what Python, Rust and Ruby use against hash flooding); it
 * is written here because it is a few lines and the tables call it on bytes in their own buffers.
 */
public final class KeyedHash {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private KeyedHash() {}

  /** This process's keyed hash of {@code b[from, to)}. */
  public static int of(byte[] b, int from, int to) {
    long h = sipHash24(ProcessKey.K0, ProcessKey.K1, b, from, to);
    return (int) (h ^ (h >>> 32));
  }

  /** SipHash-2-4 of {@code b[from, to)} under the key {@code (k0, k1)}. */
  static long sipHash24(long k0, long k1, byte[] b, int from, int to) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int len = to - from;
    int whole = from + (len & ~7);
    for (int i = from; i < whole; i += 8) {
      long m = (long) LONGS.get(b, i);
      v3 ^= m;
      for (int r = 0; r < 2; r++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    long last = ((long) len) << 56;
    for (int i = whole; i < to; i++) {
      last |= (b[i] & 0xFFL) << (8 * (i - whole));
    }
    v3 ^= last;
    for (int r = 0; r < 2; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for (int r = 0; r < 4; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /** Drawn on first use, so a run that is never flooded never reads the system's random source. */
  private static final class ProcessKey {
    static final long K0;
    static final long K1;

    static {
      SecureRandom r = new SecureRandom();
      K0 = r.nextLong();
      K1 = r.nextLong();
    }
  }
}
