package dev.logmon.aggregate;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParsedLines;
import java.util.Arrays;

/**
 * The aggregator's dictionaries of sections, clients and methods, and how many ring buckets hold
 * each section and client id, so that a key is released as soon as no bucket and no lifetime row
 * holds it. Method ids are never released (there are few, and id 0 is the malformed request's
 * {@code (none)}). Not thread-safe: owned by the aggregator's thread.
 */
final class KeyTables {
  static final String NO_METHOD = "(none)";
  private static final String NO_HOST = "-";

  final KeyDictionary sections = new KeyDictionary();
  final KeyDictionary hosts = new KeyDictionary();
  final KeyDictionary methods = new KeyDictionary();
  final TopN.Keys names = new TopN.Keys(sections, hosts, methods);
  private final LifetimeCounts life;
  private final RequestCounters requests;
  private int[] sectionRefs = new int[64];
  private int[] hostRefs = new int[64];
  private final ChunkCache sectionCache = new ChunkCache(sections);
  private final ChunkCache hostCache = new ChunkCache(hosts);
  private final ChunkCache methodCache = new ChunkCache(methods);

  KeyTables(LifetimeCounts life, RequestCounters requests) {
    this.life = life;
    this.requests = requests;
    methods.idOf(NO_METHOD);
  }

  int section(LogRecord r) {
    return sections.idOf(r.section());
  }

  int host(LogRecord r) {
    return hosts.idOf(r.host());
  }

  int method(LogRecord r) {
    return r.requestMalformed() ? 0 : methods.idOf(r.method());
  }

  int section(ParsedLines l, int i) {
    String placeholder = l.sectionPlaceholder(i);
    if (placeholder != null) {
      return sections.idOf(placeholder);
    }
    int id = sectionCache.find(l, l.sectionKey(i));
    return id >= 0
        ? id
        : sectionCache.put(
            l.sectionKey(i),
            sections.idOf(l.buffer(), l.sectionStart(i), l.sectionEnd(i), l.sectionHash(i)));
  }

  int host(ParsedLines l, int i) {
    int start = l.hostStart(i);
    if (start < 0) {
      return hosts.idOf(NO_HOST); // a format without a client field
    }
    int id = hostCache.find(l, l.hostKey(i));
    return id >= 0
        ? id
        : hostCache.put(l.hostKey(i), hosts.idOf(l.buffer(), start, l.hostEnd(i), l.hostHash(i)));
  }

  int method(ParsedLines l, int i) {
    if (l.requestMalformed(i)) {
      return 0;
    }
    int id = methodCache.find(l, l.methodKey(i));
    return id >= 0
        ? id
        : methodCache.put(
            l.methodKey(i),
            methods.idOf(l.buffer(), l.methodStart(i), l.methodEnd(i), l.methodHash(i)));
  }

  /** A bucket started holding the section. */
  void holdSection(int id) {
    if (id >= sectionRefs.length) {
      sectionRefs = Arrays.copyOf(sectionRefs, Math.max(id + 1, sectionRefs.length * 2));
    }
    sectionRefs[id]++;
  }

  void holdHost(int id) {
    if (id >= hostRefs.length) {
      hostRefs = Arrays.copyOf(hostRefs, Math.max(id + 1, hostRefs.length * 2));
    }
    hostRefs[id]++;
  }

  /** A recycled bucket let go of its keys; {@code keep*} are about to be used again at once. */
  void letGo(SecondBucket b, int keepSection, int keepHost) {
    for (int e = 0; e < b.sections.size; e++) {
      int id = b.sections.ids[e];
      if (--sectionRefs[id] == 0 && id != keepSection && !life.keepsSection(id)) {
        releaseSection(id);
      }
    }
    for (int e = 0; e < b.hosts.size; e++) {
      int id = b.hosts.ids[e];
      if (--hostRefs[id] == 0 && id != keepHost && !life.keepsHost(id)) {
        hosts.release(id);
      }
    }
  }

  /** A late hit used these keys without a bucket: release them unless something holds them. */
  void forgetIfUnused(int section, int host) {
    forgetSectionIfUnused(section);
    forgetHostIfUnused(host);
  }

  void forgetSectionIfUnused(int section) {
    if ((section >= sectionRefs.length || sectionRefs[section] == 0)
        && !life.keepsSection(section)) {
      releaseSection(section);
    }
  }

  /** Releases a section id: it may name another section next, with a label of its own. */
  private void releaseSection(int id) {
    sections.release(id);
    requests.forgetSection(id);
  }

  void forgetHostIfUnused(int host) {
    if ((host >= hostRefs.length || hostRefs[host] == 0) && !life.keepsHost(host)) {
      hosts.release(host);
    }
  }
}
