package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mutable counts of one second of log time. Owned by the aggregator's thread; never shared.
 *
 * <p>Maps are allocated lazily and cleared (not reallocated) on reuse, so a quiet second costs a
 * few fields and a busy ring reaches a steady state without garbage.
 */
final class ReferenceBucket {
  long second = Long.MIN_VALUE;
  long hits;
  long bytes;
  long malformedRequests;
  final long[] statusClasses = new long[6];
  final Map<String, long[]> sections = new HashMap<>(); // {hits, 5xx}
  final Map<String, long[]> hosts = new HashMap<>(); // {bytes, hits}
  final Map<String, long[]> methods = new HashMap<>();
  final Map<Integer, long[]> statuses = new HashMap<>();
  final Set<String> clients = new HashSet<>();

  void reset(long newSecond) {
    second = newSecond;
    if (hits != 0) {
      hits = 0;
      bytes = 0;
      malformedRequests = 0;
      java.util.Arrays.fill(statusClasses, 0);
      sections.clear();
      hosts.clear();
      methods.clear();
      statuses.clear();
      clients.clear();
    }
  }

  void add(LogRecord r) {
    hits++;
    bytes += r.bytes();
    int cls = r.statusClass();
    statusClasses[cls]++;
    if (r.requestMalformed()) {
      malformedRequests++;
    }
    long[] s = sections.computeIfAbsent(r.section(), k -> new long[2]);
    s[0]++;
    if (cls == 5) {
      s[1]++;
    }
    long[] h = hosts.computeIfAbsent(r.host(), k -> new long[2]);
    h[0] += r.bytes();
    h[1]++;
    methods.computeIfAbsent(r.requestMalformed() ? "(none)" : r.method(), k -> new long[1])[0]++;
    statuses.computeIfAbsent(r.status(), k -> new long[1])[0]++;
    clients.add(r.host());
  }
}
