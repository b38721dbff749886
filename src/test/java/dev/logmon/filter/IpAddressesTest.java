package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses as 128-bit numbers and CIDR blocks over both families, IPv4-mapped IPv6 included. */
class IpAddressesTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 0, 0000ffffc0000201",
    "0.0.0.0, 0, 0000ffff00000000",
    "::, 0, 0",
    "::1, 0, 1",
    "2001:db8::1, 20010db800000000, 1",
    "2001:DB8:0:0:0:0:0:1, 20010db800000000, 1",
    "::ffff:192.0.2.1, 0, 0000ffffc0000201",
    "::FFFF:c000:0201, 0, 0000ffffc0000201",
    "1::, 0001000000000000, 0",
    "1:2:3:4:5:6:7:8, 0001000200030004, 0005000600070008",
    "1:2:3:4:5:6:1.2.3.4, 0001000200030004, 0005000601020304",
    "1::7:8, 0001000000000000, 0000000000070008",
    "fe80::1%eth0, fe80000000000000, 1",
  })
  void parses(String text, String hi, String lo) {
    long[] out = new long[2];
    assertThat(IpAddresses.parse(text, 0, text.length(), true, out)).isTrue();
    assertThat(out[0]).isEqualTo(Long.parseUnsignedLong(hi, 16));
    assertThat(out[1]).isEqualTo(Long.parseUnsignedLong(lo, 16));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.4 ",
        " 1.2.3.4",
        "1.2.3.",
        ":",
        ":::",
        "1::2::3",
        "12345::",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        ":1::",
        "1::2:",
        "::ffff:1.2.3",
        "g::1",
        "1.2.3.4::",
        "::1.2.3.4:5",
        "fe80::1%",
        "1:2:3:4:5:6:7:1.2.3.4",
        "::1:2:3:4:5:6:7:8",
        "localhost",
        "1:2:3:4:5:6:7:8::",
        "١.٢.٣.٤"
      })
  void refuses(String text) {
    assertThat(IpAddresses.parse(text, 0, text.length(), true, new long[2])).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.2.3, true",
    "10.0.0.0/8, ::ffff:10.1.2.3, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.0.0.0/8, ::10.1.2.3, false",
    "0.0.0.0/0, 255.255.255.255, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "0.0.0.0/0, ::1, false",
    "::ffff:0:0/96, 198.51.100.7, true",
    "::/0, 198.51.100.7, true",
    "::/0, 2001:db8::1, true",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "::1, ::1, true",
    "::1, ::2, false",
    "192.0.2.1, 192.0.2.1, true",
    "192.0.2.1, ::ffff:192.0.2.1, true",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "fe80::/10, fe80::1%eth0, true",
    "2001:db8::8000:0:0:0/65, 2001:db8::8000:0:0:1, true",
    "2001:db8::8000:0:0:0/65, 2001:db8::7fff:0:0:1, false",
  })
  void blocksContainTheirAddresses(String block, String address, boolean in) {
    LineTest t = FilterCompiler.compile(FilterParser.parse("ip in " + block));
    assertThat(t.test(TestLine.of(address, 200, "GET", "/"))).isEqualTo(in);
    assertThat(t.test(TestLine.of(address, 200, "GET", "/").viewed())).isEqualTo(in);
  }

  @Property(tries = 3000)
  void canonicalTextParsesBack(@ForAll("addresses") long[] a) {
    String text = IpAddresses.format(a[0], a[1], false);
    assertThat(text).isEqualTo(text.toLowerCase(Locale.ROOT)).doesNotContain(":::");
    assertThat(parsed(text)).containsExactly(a[0], a[1]);
  }

  @Property(tries = 3000)
  void everySpellingOfAnAddressParsesAlike(
      @ForAll("addresses") long[] a, @ForAll @IntRange(min = 0, max = 3) int spelling) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 8; k++) {
      long word = k < 4 ? a[0] : a[1];
      int g = (int) ((word >>> (16 * (3 - (k % 4)))) & 0xffff);
      if (k > 0) {
        b.append(':');
      }
      if (spelling == 2 && k >= 6) {
        long v4 = a[1] & 0xffff_ffffL;
        b.append(v4 >>> 24).append('.').append((v4 >>> 16) & 0xff).append('.');
        b.append((v4 >>> 8) & 0xff).append('.').append(v4 & 0xff);
        break;
      }
      b.append(spelling == 1 ? String.format("%04X", g) : Integer.toHexString(g));
    }
    String text =
        spelling == 3
            ? IpAddresses.format(a[0], a[1], false).toUpperCase(Locale.ROOT)
            : b.toString();
    assertThat(parsed(text)).as(text).containsExactly(a[0], a[1]);
  }

  @Property(tries = 2000)
  void ipv4IsMapped(
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 0xffff_ffffL) long v4) {
    String dotted = IpAddresses.format(0, IpAddresses.MAPPED_PREFIX_LO | v4, true);
    assertThat(parsed(dotted)).containsExactly(0L, IpAddresses.MAPPED_PREFIX_LO | v4);
    assertThat(parsed("::ffff:" + dotted)).containsExactly(0L, IpAddresses.MAPPED_PREFIX_LO | v4);
  }

  @Property(tries = 3000)
  void blockMembershipIsPrefixEquality(
      @ForAll("addresses") long[] a,
      @ForAll("addresses") long[] net,
      @ForAll @IntRange(min = 0, max = 128) int prefix) {
    Literal.Block block =
        new Literal.Block(
            net[0] & Literal.Block.maskHi(prefix),
            net[1] & Literal.Block.maskLo(prefix),
            prefix,
            false);
    BigInteger x = unsigned128(a[0], a[1]).shiftRight(128 - prefix);
    BigInteger y = unsigned128(block.hi(), block.lo()).shiftRight(128 - prefix);
    assertThat(block.contains(a[0], a[1])).isEqualTo(x.equals(y));
    // The address's own block always contains it.
    Literal.Block own =
        new Literal.Block(
            a[0] & Literal.Block.maskHi(prefix),
            a[1] & Literal.Block.maskLo(prefix),
            prefix,
            false);
    assertThat(own.contains(a[0], a[1])).isTrue();
  }

  private static BigInteger unsigned128(long hi, long lo) {
    return new BigInteger(Long.toUnsignedString(hi))
        .shiftLeft(64)
        .or(new BigInteger(Long.toUnsignedString(lo)));
  }

  private static long[] parsed(String text) {
    long[] out = new long[2];
    assertThat(IpAddresses.parse(text, 0, text.length(), false, out)).as(text).isTrue();
    return out;
  }

  @Provide
  Arbitrary<long[]> addresses() {
    return ExprArbitraries.sparseLongs().list().ofSize(2).map(l -> new long[] {l.get(0), l.get(1)});
  }
}
