package dev.logmon.filter;

/**
 * IPv4 and IPv6 addresses as 128-bit numbers in two longs, an IPv4 address as its IPv4-mapped IPv6
 * form ({@code ::ffff:a.b.c.d}), so one CIDR test serves both families. Parsing allocates nothing,
 * since it runs for each line a client-address filter reads.
 */
final class IpAddresses {
  /** The high 64 bits of {@code ::ffff:0.0.0.0}; the low 64 bits are {@code 0xffff_0000_0000L}. */
  static final long MAPPED_PREFIX_LO = 0xffff_0000_0000L;

  private IpAddresses() {}

  /**
   * Parses {@code s[from, to)} as an IPv4 or IPv6 address into {@code out[0]} (high bits) and
   * {@code out[1]} (low bits); returns false, leaving {@code out} unspecified, if it is not one.
   * With {@code allowZone}, an IPv6 zone ({@code fe80::1%eth0}) is accepted and ignored.
   */
  static boolean parse(CharSequence s, int from, int to, boolean allowZone, long[] out) {
    if (to - from < 2 || to - from > 64) {
      return false;
    }
    if (allowZone) {
      for (int i = from; i < to; i++) {
        if (s.charAt(i) == '%') {
          if (i == to - 1) {
            return false;
          }
          to = i;
          break;
        }
      }
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ':') {
        return parseV6(s, from, to, out);
      }
    }
    long v4 = parseV4(s, from, to);
    if (v4 < 0) {
      return false;
    }
    out[0] = 0;
    out[1] = MAPPED_PREFIX_LO | v4;
    return true;
  }

  /** Whether the 128-bit address is IPv4-mapped. */
  static boolean isMapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  /** Dotted-quad IPv4 as an unsigned 32-bit value, or -1; no leading zeros, as logs write it. */
  static long parseV4(CharSequence s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < to && i - start < 3) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        octet = octet * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (octets == 4) {
        return i == to ? value : -1;
      }
      if (i >= to || s.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
  }

  private static boolean parseV6(CharSequence s, int from, int to, long[] out) {
    long headHi = 0;
    long headLo = 0;
    long tailHi = 0;
    long tailLo = 0;
    int head = 0; // groups before "::" (all groups when there is none)
    int tail = 0; // groups after "::"
    boolean compressed = false;
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false;
      }
      compressed = true;
      i += 2;
      if (i == to) {
        out[0] = 0;
        out[1] = 0;
        return true;
      }
    }
    while (true) {
      int start = i;
      int group = 0;
      while (i < to && i - start < 5) {
        int d = hexDigit(s.charAt(i));
        if (d < 0) {
          break;
        }
        group = (group << 4) | d;
        i++;
      }
      int digits = i - start;
      if (i < to && s.charAt(i) == '.') {
        // An embedded IPv4 address ends the address and stands for two groups.
        long v4 = parseV4(s, start, to);
        if (v4 < 0 || head + tail > (compressed ? 5 : 6)) {
          return false;
        }
        if (compressed) {
          tailHi = (tailHi << 32) | (tailLo >>> 32);
          tailLo = (tailLo << 32) | v4;
          tail += 2;
        } else {
          headLo |= v4;
          head += 2;
        }
        break;
      }
      if (digits == 0 || digits > 4) {
        return false;
      }
      if (compressed) {
        tailHi = (tailHi << 16) | (tailLo >>> 48);
        tailLo = (tailLo << 16) | group;
        tail++;
      } else {
        if (head < 4) {
          headHi |= (long) group << (16 * (3 - head));
        } else {
          headLo |= (long) group << (16 * (7 - head));
        }
        head++;
      }
      if (head + tail > 8) {
        return false;
      }
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == to) {
          break;
        }
      } else if (i == to) {
        return false;
      }
    }
    if (compressed ? head + tail > 7 : head != 8) {
      return false;
    }
    out[0] = headHi | tailHi;
    out[1] = headLo | tailLo;
    return true;
  }

  /**
   * The address in its canonical text: dotted-quad for an IPv4 address ({@code v4}, given as
   * mapped), else RFC 5952 IPv6 (lowercase, the longest run of zero groups as {@code ::}, an
   * IPv4-mapped address as {@code ::ffff:a.b.c.d}).
   */
  static String format(long hi, long lo, boolean v4) {
    if (v4) {
      return dotted(lo);
    }
    if (isMapped(hi, lo)) {
      return "::ffff:" + dotted(lo);
    }
    int[] g = new int[8];
    for (int k = 0; k < 8; k++) {
      long word = k < 4 ? hi : lo;
      g[k] = (int) ((word >>> (16 * (3 - (k % 4)))) & 0xffff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int k = 0; k < 8; ) {
      if (g[k] != 0) {
        k++;
        continue;
      }
      int start = k;
      while (k < 8 && g[k] == 0) {
        k++;
      }
      if (k - start > bestLength) {
        bestStart = start;
        bestLength = k - start;
      }
    }
    StringBuilder b = new StringBuilder(39);
    for (int k = 0; k < 8; k++) {
      if (k == bestStart) {
        b.append("::");
        k += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[k]));
    }
    return b.toString();
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String dotted(long lo) {
    return ((lo >>> 24) & 0xff)
        + "."
        + ((lo >>> 16) & 0xff)
        + "."
        + ((lo >>> 8) & 0xff)
        + "."
        + (lo & 0xff);
  }
}
