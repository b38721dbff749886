package dev.logmon.source.syslog;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's count of datagrams dropped for one UDP socket (its receive buffer was full), read
 * from the {@code drops} column of {@code /proc/net/udp} or {@code udp6}, where Linux reports it;
 * elsewhere there is no count and {@link #read()} says so.
 *
 * <p>The socket is found by its local address and port as the kernel prints them: an IPv4 address
 * as one 32-bit word in host byte order, an IPv6 one as four, the port in hex.
 */
final class UdpDrops {
  /** What {@link #read()} returns when the kernel does not tell. */
  static final long UNKNOWN = -1;

  private final Path table;
  private final String local;

  UdpDrops(Path table, InetSocketAddress bound) {
    this.table = table;
    this.local = key(bound.getAddress(), bound.getPort());
  }

  /** The drops of the socket bound to {@code bound}, from the table for its address family. */
  static UdpDrops of(InetSocketAddress bound) {
    boolean v4 = bound.getAddress() instanceof Inet4Address;
    return new UdpDrops(Path.of(v4 ? "/proc/net/udp" : "/proc/net/udp6"), bound);
  }

  /** The drops counted so far, or {@link #UNKNOWN}. */
  long read() {
    try {
      return drops(Files.readAllLines(table), local);
    } catch (IOException | NumberFormatException e) {
      return UNKNOWN; // no /proc (not Linux), or a table of another shape
    }
  }

  /** The drops column of the row whose local address is {@code local}, or {@link #UNKNOWN}. */
  static long drops(List<String> rows, String local) {
    for (String row : rows) {
      String[] f = row.trim().split("\\s+");
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
      if (f.length >= 13 && f[1].equalsIgnoreCase(local)) {
        return Long.parseLong(f[12]);
      }
    }
    return UNKNOWN;
  }

  /** How the kernel prints {@code address:port} in its tables. */
  static String key(InetAddress address, int port) {
    byte[] a = address.getAddress();
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    StringBuilder b = new StringBuilder();
    for (int word = 0; word < a.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        b.append(HexFormat.of().toHexDigits(a[word + (little ? 3 - i : i)]));
      }
    }
    return (b + ":" + String.format(Locale.ROOT, "%04X", port)).toUpperCase(Locale.ROOT);
  }
}
