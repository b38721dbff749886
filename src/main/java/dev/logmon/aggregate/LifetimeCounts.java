package dev.logmon.aggregate;

import dev.logmon.parse.MalformedReason;
import java.util.EnumMap;

/**
 * The lifetime tables: every hit since start by section, client and method. Sections and clients
 * keep a row for each of the first {@value Aggregator#LIFETIME_KEY_CAP} distinct keys and fold any
 * later one into an {@value Aggregator#OTHER} row, so memory stays bounded on any log; hit counts
 * are exact either way. Not thread-safe: owned by the aggregator's thread.
 */
final class LifetimeCounts {
  final DenseCounts sections = new DenseCounts(2, 0); // {hits, 5xx}; present = has its own row
  final DenseCounts hosts = new DenseCounts(2, 1); // {bytes, hits}
  final DenseCounts methods = new DenseCounts(1, 0);
  final long[] otherSection = new long[2];
  final long[] otherHost = new long[2];
  final EnumMap<MalformedReason, Long> malformed = new EnumMap<>(MalformedReason.class);
  private final int cap;

  LifetimeCounts(int cap) {
    this.cap = cap;
  }

  void add(int section, int host, int method, long size, boolean serverError) {
    addSection(section, 1, serverError ? 1 : 0);
    addHost(host, size, 1);
    methods.addOne(method, 1, 0);
  }

  /** As {@link #add} for {@code hits} hits of one section, {@code errors} of them 5xx. */
  void addSection(int section, long hits, long errors) {
    if (sections.get(section, 0) != 0 || sections.size() < cap) {
      sections.addOne(section, hits, errors);
    } else {
      otherSection[0] += hits;
      otherSection[1] += errors;
    }
  }

  /** As {@link #add} for {@code hits} hits of one client, sending {@code size} bytes in all. */
  void addHost(int host, long size, long hits) {
    if (hosts.get(host, 1) != 0 || hosts.size() < cap) {
      hosts.addOne(host, size, hits);
    } else {
      otherHost[0] += size;
      otherHost[1] += hits;
    }
  }

  /** Whether a section id has its own row (and so must keep its key). */
  boolean keepsSection(int id) {
    return sections.get(id, 0) != 0;
  }

  boolean keepsHost(int id) {
    return hosts.get(id, 1) != 0;
  }

  TopN.Extra otherSections() {
    return otherSection[0] == 0
        ? null
        : new TopN.Extra(Aggregator.OTHER, otherSection[0], otherSection[1]);
  }

  TopN.Extra otherHosts() {
    return otherHost[1] == 0 ? null : new TopN.Extra(Aggregator.OTHER, otherHost[0], otherHost[1]);
  }
}
