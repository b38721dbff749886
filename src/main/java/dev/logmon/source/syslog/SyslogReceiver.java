package dev.logmon.source.syslog;

import dev.logmon.source.BatchSink;
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.SourceStatus.State;
import dev.logmon.source.syslog.SyslogFrame.Message;
import dev.logmon.source.syslog.SyslogFrame.Rejected;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The {@code --syslog} input: one UDP socket and one TCP listener on the same address and port,
 * served by one thread through a selector (non-blocking, so no sender can hold the thread), whose
 * messages become lines of one source per sending host.
 *
 * <p>Each UDP datagram is a frame; each TCP connection is cut into frames by its {@link TcpFramer}
 * (octet-counted or newline-framed). A frame is parsed by {@link SyslogParser}; its line goes to
 * the source named by the host in the frame, or by the sender's address when the frame names none.
 * Every frame that carries no line is counted by its {@link Rejection}; so are connections turned
 * away. Bounds ({@link SyslogLimits}): a frame is at most the line cap plus room for its header, a
 * frame begun must be complete within the frame timeout, connections are capped (the longest idle
 * gives way to a new one), and each ready connection is read once per round, so a fast sender
 * cannot starve the others. UDP datagrams the kernel had to drop (a full receive buffer) are read
 * from /proc and counted as dropped.
 *
 * <p>Back-pressure: lines are handed over after every round; when the pipeline's queue is full the
 * thread waits, TCP senders are slowed by their full send windows, and UDP datagrams beyond the
 * socket's receive buffer are dropped (and counted) by the kernel.
 *
 * <p>Thread-safety: {@link #run} (or {@link #pollOnce}) belongs to one thread; {@link #statuses()}
 * may be called from any, and {@link #close()} once that thread has ended.
 */
public final class SyslogReceiver implements LogSource {
  /** The source under which hosts past {@link SyslogLimits#hosts()} are counted. */
  public static final String OTHER_HOSTS = "(other hosts)";

  /** The largest UDP payload, and the most read from one connection in one round. */
  private static final int READ_BYTES = 64 * 1024;

  private static final int DATAGRAMS_PER_ROUND = 256;
  private static final long SECOND_NANOS = 1_000_000_000L;
  private static final long PUBLISH_NANOS = 100_000_000L;

  private final DatagramChannel udp;
  private final ServerSocketChannel tcp;
  private final Selector selector;
  private final InetSocketAddress address;
  private final String name;
  private final SyslogLimits limits;
  private final int maxFrame;
  private final LongSupplier nanoClock;
  private final Consumer<String> notes;
  private final HostLines hosts;
  private final UdpDrops udpDrops;
  private final ByteBuffer buffer = ByteBuffer.allocate(READ_BYTES);
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final Map<Rejection, Long> rejected = new EnumMap<>(Rejection.class);
  private final Map<java.net.InetAddress, String> peers = new LinkedHashMap<>();
  private long dropped;
  private long readErrors;
  private String lastError;
  private State state = State.FOLLOWING;
  private long lastSweep;
  private long lastPublish = Long.MIN_VALUE;
  private volatile List<SourceStatus> status = List.of();

  private SyslogReceiver(
      DatagramChannel udp,
      ServerSocketChannel tcp,
      int maxLineBytes,
      int maxBatchLines,
      SyslogLimits limits,
      LongSupplier nanoClock,
      Consumer<String> notes)
      throws IOException {
    this.udp = udp;
    this.tcp = tcp;
    this.address = (InetSocketAddress) tcp.getLocalAddress();
    this.name = "syslog:" + hostPort(address);
    this.limits = limits;
    this.maxFrame = maxLineBytes + limits.headerBytes();
    this.nanoClock = nanoClock;
    this.notes = notes;
    this.hosts = new HostLines(limits.hosts(), maxLineBytes, maxBatchLines);
    this.udpDrops = UdpDrops.of((InetSocketAddress) udp.getLocalAddress());
    this.selector = Selector.open();
    udp.register(selector, SelectionKey.OP_READ);
    tcp.register(selector, SelectionKey.OP_ACCEPT);
    this.lastSweep = nanoClock.getAsLong();
    publish(lastSweep);
  }

  /**
   * Binds UDP and TCP on {@code at} (port 0: a free port that both can have) and returns the
   * receiver, not yet reading; its failures go to {@code notes}.
   *
   * @throws IOException if either socket cannot be bound
   */
  public static SyslogReceiver open(
      InetSocketAddress at,
      int maxLineBytes,
      int maxBatchLines,
      SyslogLimits limits,
      LongSupplier nanoClock,
      Consumer<String> notes)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      ServerSocketChannel tcp = ServerSocketChannel.open();
      DatagramChannel udp = null;
      try {
        tcp.bind(at, limits.connections());
        tcp.configureBlocking(false);
        int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        udp =
            DatagramChannel.open(
                at.getAddress() instanceof Inet6Address
                    ? java.net.StandardProtocolFamily.INET6
                    : java.net.StandardProtocolFamily.INET);
        udp.setOption(StandardSocketOptions.SO_RCVBUF, limits.udpReceiveBytes());
        udp.bind(new InetSocketAddress(at.getAddress(), port));
        udp.configureBlocking(false);
        return new SyslogReceiver(udp, tcp, maxLineBytes, maxBatchLines, limits, nanoClock, notes);
      } catch (BindException e) {
        tcp.close();
        if (udp != null) {
          udp.close();
        }
        // Port 0: the free TCP port may be taken for UDP; another free port will do.
        if (at.getPort() != 0 || attempt >= 20) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        tcp.close();
        if (udp != null) {
          udp.close();
        }
        throw e;
      }
    }
  }

  /** The address both sockets are bound to (the port chosen, for port 0). */
  public InetSocketAddress address() {
    return address;
  }

  /** The receiver's own source name, {@code syslog:HOST:PORT}. */
  public String name() {
    return name;
  }

  /** The receiver's status first, then each host's; callable from any thread. */
  @Override
  public List<SourceStatus> statuses() {
    return status;
  }

  /**
   * Reads and hands over lines until {@code stop} says so; a socket failure ends it, noted. The
   * selector waits for input, so {@code pollInterval} is not used.
   */
  @Override
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    try {
      while (!stop.getAsBoolean()) {
        pollOnce(sink, 100);
      }
      state = State.DONE;
    } catch (IOException e) {
      if (!stop.getAsBoolean()) {
        state = State.ERROR;
        readErrors++;
        lastError = "syslog receiver failed: " + e;
        notes.accept(lastError);
      }
    } finally {
      publish(Long.MIN_VALUE);
    }
  }

  /**
   * One round: waits up to {@code timeoutMillis} (0: not at all) for input, reads what is ready,
   * hands its lines to {@code sink}, and once a second closes connections past the frame timeout
   * and reads the kernel's UDP drops.
   */
  void pollOnce(BatchSink sink, long timeoutMillis) throws IOException, InterruptedException {
    if (timeoutMillis > 0) {
      selector.select(timeoutMillis);
    } else {
      selector.selectNow();
    }
    long now = nanoClock.getAsLong();
    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
      SelectionKey key = it.next();
      it.remove();
      if (!key.isValid()) {
        continue;
      }
      if (key.channel() == tcp) {
        accept(now);
      } else if (key.channel() == udp) {
        receive();
      } else {
        ((Connection) key.attachment()).read(now);
      }
    }
    hosts.flush(sink);
    if (now - lastSweep >= SECOND_NANOS) {
      lastSweep = now;
      sweep(now);
      long d = udpDrops.read();
      if (d != UdpDrops.UNKNOWN) {
        dropped = d;
      }
    }
    if (now - lastPublish >= PUBLISH_NANOS) {
      publish(now);
    }
  }

  /** Publishes the status now rather than at the next tenth of a second (for tests). */
  void publishNow() {
    publish(nanoClock.getAsLong());
  }

  /** Open TCP connections now (for tests). */
  int connectionCount() {
    return connections.size();
  }

  /** Open TCP connections in the middle of a frame now (for tests). */
  int connectionsInFrame() {
    int n = 0;
    for (Connection c : connections) {
      n += c.framer.inFrame() ? 1 : 0;
    }
    return n;
  }

  @Override
  public void close() {
    for (Connection c : new ArrayList<>(connections)) {
      c.close();
    }
    try {
      selector.close();
      udp.close();
      tcp.close();
    } catch (IOException e) {
      notes.accept("cannot close the syslog sockets: " + e.getMessage());
    }
  }

  private void accept(long now) throws IOException {
    SocketChannel c;
    while ((c = tcp.accept()) != null) {
      if (connections.size() >= limits.connections() && !evictIdlest(now)) {
        c.close();
        reject(Rejection.CONNECTION_REFUSED);
        continue;
      }
      c.configureBlocking(false);
      Connection conn = new Connection(c, peer(((InetSocketAddress) c.getRemoteAddress())), now);
      c.register(selector, SelectionKey.OP_READ, conn);
      connections.add(conn);
    }
  }

  /** Closes the connection silent longest, if one has been silent past the grace; else false. */
  private boolean evictIdlest(long now) {
    Connection idlest = null;
    for (Connection c : connections) {
      if (now - c.lastRead > limits.evictGrace().toNanos()
          && (idlest == null || c.lastRead - idlest.lastRead < 0)) {
        idlest = c;
      }
    }
    if (idlest == null) {
      return false;
    }
    idlest.close();
    reject(Rejection.CONNECTION_EVICTED);
    return true;
  }

  private void sweep(long now) {
    long timeout = limits.frameTimeout().toNanos();
    for (Connection c : new ArrayList<>(connections)) {
      if (c.framer.inFrame() && now - c.framer.frameStartedAt() > timeout) {
        reject(Rejection.FRAME_TIMEOUT);
        c.close();
      }
    }
  }

  private void receive() throws IOException {
    for (int i = 0; i < DATAGRAMS_PER_ROUND; i++) {
      buffer.clear();
      SocketAddress from = udp.receive(buffer);
      if (from == null) {
        return;
      }
      frame(buffer.array(), 0, buffer.position(), peer((InetSocketAddress) from));
    }
  }

  /** A frame from {@code peer}: its line to its host's source, or counted as rejected. */
  private void frame(byte[] b, int off, int len, String peer) {
    if (len > maxFrame) {
      reject(Rejection.FRAME_TOO_LONG);
      return;
    }
    SyslogFrame f = SyslogParser.parse(b, off, len);
    if (f instanceof Message m) {
      hosts.add(m.host() != null ? m.host() : peer, b, m.from(), m.to());
    } else {
      reject(((Rejected) f).reason());
    }
  }

  private void reject(Rejection reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  /** The sender's address as text, without a name lookup (cached: one sender, many frames). */
  private String peer(InetSocketAddress from) {
    if (peers.size() > 4 * limits.hosts()) {
      peers.clear();
    }
    return peers.computeIfAbsent(from.getAddress(), a -> a.getHostAddress());
  }

  private void publish(long now) {
    lastPublish = now;
    Map<String, Long> byKey = new LinkedHashMap<>();
    rejected.forEach((r, n) -> byKey.put(r.key(), n));
    List<SourceStatus> all = new ArrayList<>();
    all.add(
        new SourceStatus(
            name,
            state,
            0,
            0,
            0,
            0,
            0,
            readErrors,
            lastError != null ? lastError : connections.size() + " TCP connections",
            dropped,
            SourceStatus.NO_LAG,
            byKey));
    all.addAll(hosts.status());
    status = List.copyOf(all);
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** One TCP connection: its channel, its framer, and when it last sent anything. */
  private final class Connection implements TcpFramer.Frames {
    final SocketChannel channel;
    final TcpFramer framer = new TcpFramer(maxFrame);
    final String peer;
    long lastRead;

    Connection(SocketChannel channel, String peer, long now) {
      this.channel = channel;
      this.peer = peer;
      this.lastRead = now;
    }

    void read(long now) {
      buffer.clear();
      int n;
      try {
        n = channel.read(buffer);
      } catch (IOException e) {
        n = -1; // reset by the sender: the same as a close
      }
      if (n < 0) {
        framer.close(this);
        close();
      } else if (n > 0) {
        lastRead = now;
        framer.feed(buffer.array(), 0, n, now, this);
      }
    }

    void close() {
      connections.remove(this);
      try {
        channel.close(); // also cancels its key
      } catch (IOException e) {
        // closing is all that was wanted
      }
    }

    @Override
    public void frame(byte[] b, int off, int len) {
      SyslogReceiver.this.frame(b, off, len, peer);
    }

    @Override
    public void rejected(Rejection reason) {
      reject(reason);
    }
  }
}
