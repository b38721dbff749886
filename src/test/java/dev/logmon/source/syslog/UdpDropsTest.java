package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link UdpDrops}: the kernel's table read as Linux prints it. */
class UdpDropsTest {
  private static final List<String> TABLE =
      List.of(
          "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid "
              + " timeout inode ref pointer drops            ",
          "  371: 0100007F:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0   "
              + "     0 4242 2 0000000000000000 17        ",
          "  372: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0   "
              + "     0 4243 2 0000000000000000 3         ");

  @Test
  void findsTheSocketByItsAddressAndPort() throws Exception {
    assertThat(UdpDrops.drops(TABLE, "0100007F:158A")).isEqualTo(17);
    assertThat(UdpDrops.drops(TABLE, "00000000:0044")).isEqualTo(3);
    assertThat(UdpDrops.drops(TABLE, "0100007F:0044")).isEqualTo(UdpDrops.UNKNOWN);
  }

  @Test
  void printsAddressesAsTheKernelDoes() throws Exception {
    String loopback = UdpDrops.key(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 5514);
    assertThat(loopback)
        .isEqualTo(
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F:158A" : "7F000001:158A");
    assertThat(UdpDrops.key(InetAddress.getByAddress(ipv6Loopback()), 1))
        .hasSize(32 + 5)
        .endsWith(":0001");
  }

  private static byte[] ipv6Loopback() {
    byte[] b = new byte[16];
    b[15] = 1;
    return b;
  }
}
