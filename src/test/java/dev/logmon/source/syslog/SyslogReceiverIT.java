package dev.logmon.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.BatchSink;
import dev.logmon.source.LineBatch;
import dev.logmon.source.SourceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SyslogReceiver} on real loopback sockets, stepped round by round ({@code pollOnce}) on a
 * clock the test moves, so timeouts are tested without waiting for them.
 */
class SyslogReceiverIT {
  private static final String LINE =
      "10.0.0.1 - - [03/Dec/2026:16:27:05 +0000] \"GET /a HTTP/1.1\" 200 12";
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final Map<String, List<String>> lines = new LinkedHashMap<>();
  private final BatchSink sink = this::record;
  private final List<AutoCloseable> open = new ArrayList<>();
  private SyslogReceiver receiver;

  private void record(LineBatch b) {
    lines.computeIfAbsent(b.source(), k -> new ArrayList<>()).addAll(b.lines());
  }

  private SyslogReceiver start(SyslogLimits limits) throws IOException {
    receiver =
        SyslogReceiver.open(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            1024,
            1024,
            limits,
            clock::get,
            note -> {});
    return receiver;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** Steps the receiver until {@code done}, failing after the deadline. */
  private void until(BooleanSupplier done) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("deadline").isLessThan(end);
      receiver.pollOnce(sink, 20);
    }
  }

  private int count(String source) {
    return lines.getOrDefault(source, List.of()).size();
  }

  private SourceStatus own() {
    receiver.publishNow();
    return receiver.statuses().get(0);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.address().getPort());
    open.add(s);
    return s;
  }

  private void udp(String message) throws IOException {
    try (DatagramSocket d = new DatagramSocket()) {
      byte[] b = message.getBytes(StandardCharsets.UTF_8);
      d.send(new DatagramPacket(b, b.length, receiver.address()));
    }
  }

  @Test
  void udpDatagramsBecomeLinesOfTheirHosts() throws Exception {
    start(SyslogLimits.DEFAULT);
    udp("<190>Dec  3 16:27:05 web1 nginx: " + LINE);
    udp("<190>Dec  3 16:27:05 WEB2 nginx: " + LINE + "\n");
    udp("<13>1 - web1 apache - - - " + LINE);
    udp("<190>Dec  3 16:27:05 nginx: " + LINE); // no host: the sender's address stands in
    udp("no syslog at all");
    until(() -> count("web1") == 2 && count("web2") == 1 && count("127.0.0.1") == 1);
    assertThat(lines.get("web1")).containsExactly(LINE, LINE);
    until(() -> own().rejected().getOrDefault("no_priority", 0L) == 1);
    clock.addAndGet(200_000_000L); // statuses are published at most every 100 ms
    receiver.pollOnce(sink, 0);
    List<SourceStatus> status = receiver.statuses();
    assertThat(status.get(0).name()).isEqualTo(receiver.name());
    assertThat(status.stream().skip(1).map(SourceStatus::name))
        .containsExactly("web1", "web2", "127.0.0.1");
    assertThat(status.get(1).lines()).isEqualTo(2);
  }

  @Test
  void tcpFramesOfBothKindsAcrossWritesAndConnections() throws Exception {
    start(SyslogLimits.DEFAULT);
    String counted = "<134>1 - web3 nginx - - - " + LINE;
    String framed = "<190>Dec  3 16:27:05 web4 nginx: " + LINE;
    try (Socket a = connect();
        Socket b = connect()) {
      OutputStream out = a.getOutputStream();
      byte[] first =
          (counted.length() + " " + counted + framed + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(first, 0, 7);
      out.flush();
      until(() -> receiver.connectionCount() == 2);
      receiver.pollOnce(sink, 20);
      out.write(first, 7, first.length - 7);
      out.flush();
      b.getOutputStream().write((framed + "\n" + framed).getBytes(StandardCharsets.UTF_8));
      b.shutdownOutput(); // the unterminated last frame ends with the connection
      until(() -> count("web3") == 1 && count("web4") == 3);
      until(() -> receiver.connectionCount() == 1);
    }
  }

  @Test
  void badFramesAreCountedAndStallNoOtherConnection() throws Exception {
    start(SyslogLimits.DEFAULT);
    try (Socket bad = connect();
        Socket good = connect()) {
      // A partial frame that never ends, then garbage on the same connection.
      bad.getOutputStream().write("<13>1 - h - - - [unclosed".getBytes(StandardCharsets.UTF_8));
      bad.getOutputStream().flush();
      for (int i = 0; i < 100; i++) {
        good.getOutputStream()
            .write(
                ("<190>Dec  3 16:27:05 web5 nginx: " + LINE + "\n")
                    .getBytes(StandardCharsets.UTF_8));
      }
      good.getOutputStream().write("<999>x\n\n<13>\nxyz\n".getBytes(StandardCharsets.UTF_8));
      good.getOutputStream().flush();
      until(() -> count("web5") == 100 && own().rejectedTotal() == 3);
      assertThat(own().rejected())
          .containsEntry("bad_priority", 1L)
          .containsEntry("empty_message", 1L)
          .containsEntry("no_priority", 1L);
      bad.getOutputStream().write("]x\n".getBytes(StandardCharsets.UTF_8));
      bad.getOutputStream().flush();
      until(() -> own().rejected().getOrDefault("bad_structured_data", 0L) == 1);
    }
  }

  @Test
  void aFrameNotCompletedInTimeClosesItsConnection() throws Exception {
    start(SyslogLimits.DEFAULT);
    Socket slow = connect();
    slow.getOutputStream().write("40 <13>only a part".getBytes(StandardCharsets.UTF_8));
    slow.getOutputStream().flush();
    // The bytes are read (not a fixed number of polls: under load they may take longer to arrive).
    until(() -> receiver.connectionsInFrame() == 1);
    clock.addAndGet(Duration.ofSeconds(9).toNanos());
    receiver.pollOnce(sink, 0);
    assertThat(receiver.connectionCount()).isEqualTo(1);
    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    receiver.pollOnce(sink, 0);
    assertThat(receiver.connectionCount()).isZero();
    assertThat(own().rejected()).containsEntry("frame_timeout", 1L);
    InputStream in = slow.getInputStream();
    assertThat(in.read()).isEqualTo(-1); // closed by logmon
  }

  @Test
  void atTheCapTheIdlestConnectionGivesWayElseTheNewcomerIsRefused() throws Exception {
    SyslogLimits d = SyslogLimits.DEFAULT;
    start(
        new SyslogLimits(
            2, d.frameTimeout(), d.evictGrace(), d.hosts(), d.headerBytes(), d.udpReceiveBytes()));
    Socket first = connect();
    until(() -> receiver.connectionCount() == 1);
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    Socket second = connect();
    until(() -> receiver.connectionCount() == 2);
    second.getOutputStream().write(("<13>x h t: " + LINE + "\n").getBytes(StandardCharsets.UTF_8));
    until(() -> lines.values().stream().mapToInt(List::size).sum() == 1);
    // The first has been silent for 5 s, past the grace: it gives way.
    Socket third = connect();
    until(() -> own().rejected().getOrDefault("connection_evicted", 0L) == 1);
    assertThat(first.getInputStream().read()).isEqualTo(-1);
    until(() -> receiver.connectionCount() == 2);
    // Nobody is past the grace now: the newcomer is refused.
    Socket fourth = connect();
    until(() -> own().rejected().getOrDefault("connection_refused", 0L) == 1);
    assertThat(fourth.getInputStream().read()).isEqualTo(-1);
    assertThat(receiver.connectionCount()).isEqualTo(2);
    assertThat(third.isClosed()).isFalse();
  }

  @Test
  void datagramsTheKernelDropsAreCounted() throws Exception {
    SyslogLimits d = SyslogLimits.DEFAULT;
    start(
        new SyslogLimits(
            d.connections(),
            d.frameTimeout(),
            d.evictGrace(),
            d.hosts(),
            d.headerBytes(),
            16 * 1024));
    byte[] b = ("<13>Dec  3 16:27:05 web6 nginx: " + LINE).getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 2000; i++) { // the receiver reads nothing meanwhile: its buffer overflows
        s.send(new DatagramPacket(b, b.length, receiver.address()));
      }
    }
    clock.addAndGet(Duration.ofSeconds(2).toNanos()); // drops are read once a second
    until(() -> own().dropped() > 0);
    until(() -> count("web6") + own().dropped() == 2000);
  }
}
