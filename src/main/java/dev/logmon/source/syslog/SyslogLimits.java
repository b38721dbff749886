package dev.logmon.source.syslog;

import java.time.Duration;

/**
 * The syslog receiver's bounds, so that no number of senders, fast, slow or hostile, can make it
 * use more memory or time than these allow (see docs/FLEET.md).
 *
 * @param connections TCP connections open at most; at the cap a new one closes the connection idle
 *     longest (silent for over {@code evictGrace}), or is refused if none is
 * @param frameTimeout a frame begun on a TCP connection must be complete within this, else the
 *     connection is closed (its partial frame is counted as {@link Rejection#FRAME_TIMEOUT})
 * @param evictGrace how long a connection must have been silent to give way to a new one
 * @param hosts distinct sending hosts counted as sources of their own; later ones count together
 *     under {@link SyslogReceiver#OTHER_HOSTS}
 * @param headerBytes room for the syslog header on top of the line cap: a frame longer than the
 *     line cap plus this is rejected as {@link Rejection#FRAME_TOO_LONG} unread
 * @param udpReceiveBytes the UDP socket's receive buffer asked of the kernel (Linux grants at most
 *     {@code net.core.rmem_max}, and doubles it for its bookkeeping); datagrams that arrive while
 *     it is full are dropped by the kernel and counted
 */
public record SyslogLimits(
    int connections,
    Duration frameTimeout,
    Duration evictGrace,
    int hosts,
    int headerBytes,
    int udpReceiveBytes) {
  /** The limits logmon runs with. */
  public static final SyslogLimits DEFAULT =
      new SyslogLimits(256, Duration.ofSeconds(10), Duration.ofSeconds(1), 1024, 8 * 1024, 4 << 20);

  public SyslogLimits {
    if (connections < 1 || hosts < 1 || headerBytes < 0 || udpReceiveBytes < 1) {
      throw new IllegalArgumentException(
          "connections >= 1, hosts >= 1, headerBytes >= 0, udpReceiveBytes >= 1");
    }
    if (frameTimeout.isNegative() || frameTimeout.isZero() || evictGrace.isNegative()) {
      throw new IllegalArgumentException("frameTimeout > 0, evictGrace >= 0");
    }
  }
}
