package dev.logmon.parse;

import static dev.logmon.source.LineBytes.LONGS;

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

  private KeyedHash() {}

  /** This process's keyed hash of {@code b[from, to)}. */
  public static int of(byte[] b, int from, int to) {
    long h = sipHash24(ProcessKey.K0, ProcessKey.K1, b, from, to);
    return (int) (h ^ (h >>> 32));
  }

  /** SipHash-2-4 of {@code b[from, to)} under the key {@code (k0, k1)}. */
  static long sipHash24(long k0, long k1, byte[] b, int from, int to) {
    State s = new State(k0, k1);
    int len = to - from;
    int whole = from + (len & ~7);
    for (int i = from; i < whole; i += 8) {
      s.compress((long) LONGS.get(b, i));
    }
    long last = ((long) len) << 56;
    for (int i = whole; i < to; i++) {
      last |= (b[i] & 0xFFL) << (8 * (i - whole));
    }
    s.compress(last);
    s.v2 ^= 0xff;
    s.rounds(4);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
  }

  /** SipHash's four words of state; made only while a table is flooded. */
  private static final class State {
    long v0;
    long v1;
    long v2;
    long v3;

    State(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    /** Takes in one message word: two SipRounds. */
    void compress(long m) {
      v3 ^= m;
      rounds(2);
      v0 ^= m;
    }

    void rounds(int n) {
      for (int r = 0; r < n; r++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13) ^ v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17) ^ v2;
        v2 = Long.rotateLeft(v2, 32);
      }
    }
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
