package dev.logmon.aggregate;

/**
 * The counts of one second of log time, keyed by dictionary ids. Owned by the aggregator's thread;
 * never shared.
 *
 * <p>Its maps are cleared (not reallocated) on reuse, so a busy ring reaches a steady state without
 * garbage.
 */
final class SecondBucket {
  long second = Long.MIN_VALUE;
  long hits;
  long bytes;
  long malformedRequests;
  final long[] statusClasses = new long[6];
  final IdCounts sections = new IdCounts(2); // {hits, 5xx}
  final IdCounts hosts = new IdCounts(2); // {bytes, hits}
  final IdCounts methods = new IdCounts(1);
  final IdCounts statuses = new IdCounts(1); // keyed by the status code itself

  void clear(long newSecond) {
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
    }
  }
}
