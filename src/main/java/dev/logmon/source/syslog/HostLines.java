package dev.logmon.source.syslog;

import dev.logmon.source.BatchSink;
import dev.logmon.source.LineBatch;
import dev.logmon.source.MessageBatches;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.SourceStatus.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines received from each sending host, one source per host, up to a cap of hosts: a syslog
 * sender names itself, so a hostile one could name a new host in every message; past the cap,
 * messages count under one source, {@link SyslogReceiver#OTHER_HOSTS}.
 *
 * <p>Not thread-safe: the receiver's thread owns it.
 */
final class HostLines {
  /** One host's lines and counters. */
  private static final class Host {
    final String name;
    final MessageBatches batches;
    long lines;
    long bytes;

    Host(String name, int maxLineBytes, int maxBatchLines) {
      this.name = name;
      this.batches =
          new MessageBatches(
              name,
              name.equals(SyslogReceiver.OTHER_HOSTS) ? null : name,
              maxLineBytes,
              maxBatchLines);
    }
  }

  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<Host> pending = new ArrayList<>();
  private final int maxHosts;
  private final int maxLineBytes;
  private final int maxBatchLines;

  HostLines(int maxHosts, int maxLineBytes, int maxBatchLines) {
    this.maxHosts = maxHosts;
    this.maxLineBytes = maxLineBytes;
    this.maxBatchLines = maxBatchLines;
  }

  /** Adds the line {@code b[from, to)} sent by {@code host}. */
  void add(String host, byte[] b, int from, int to) {
    Host h = hosts.get(host);
    if (h == null) {
      String name = hosts.size() < maxHosts ? host : SyslogReceiver.OTHER_HOSTS;
      h = hosts.computeIfAbsent(name, n -> new Host(n, maxLineBytes, maxBatchLines));
    }
    if (!h.batches.hasPending()) {
      pending.add(h);
    }
    h.batches.add(b, from, to - from);
    h.bytes += to - from;
  }

  /** Hands every line held to {@code sink}, host by host. */
  void flush(BatchSink sink) throws InterruptedException {
    for (Host h : pending) {
      LineBatch batch;
      while ((batch = h.batches.next(true)) != null) {
        sink.put(batch);
        h.lines += batch.lineCount();
      }
    }
    pending.clear();
  }

  /** Every host's status, in the order they were first heard from. */
  List<SourceStatus> status() {
    List<SourceStatus> out = new ArrayList<>(hosts.size());
    for (Host h : hosts.values()) {
      out.add(
          new SourceStatus(
              h.name,
              State.FOLLOWING,
              h.lines,
              h.bytes,
              0,
              0,
              h.batches.oversizeLines(),
              0,
              null,
              0,
              SourceStatus.NO_LAG,
              Map.of()));
    }
    return out;
  }
}
