package dev.logmon.aggregate;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.ChunkKeys;
import dev.logmon.parse.ParsedLines;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One chunk's counted hits tallied for the breakdowns, on the thread that parsed it: each distinct
 * path (with its 404 and 5xx answers), user agent, referring host, status code, and virtual host
 * with section, with its count, as ranges of the chunk's buffer, so the counting thread ({@link
 * Breakdowns#add}) decodes and counts each distinct key once per chunk rather than once per line.
 * Hits held as records are listed for the counting thread to read whole.
 *
 * <p>Not thread-safe: filled by one thread, then handed over with its chunk.
 */
public final class ChunkTally {
  /** Status codes are three digits. */
  static final int STATUSES = 1000;

  final ChunkKeys paths = new ChunkKeys();
  final ChunkKeys agents = new ChunkKeys();
  final ChunkKeys referrers = new ChunkKeys();
  private final ChunkKeys vhosts = new ChunkKeys();
  // A target as logged to its path's key: finding where the path ends costs a scan of the target.
  private final RecentKeys recentPaths = new RecentKeys();
  private final RecentKeys recentAgents = new RecentKeys();
  // A referrer as logged to its host's key (NO_HOST when it names none): scanning it for the host
  // and hashing the host both cost more than comparing the referrer with the one seen before.
  private final RecentKeys recentReferrers = new RecentKeys();
  private static final int NO_HOST = -1;
  int[] pathHits = new int[256];
  int[] pathNotFound = new int[256];
  int[] pathServerErrors = new int[256];
  int[] agentHits = new int[256];
  int[] referrerHits = new int[256];
  final int[] statusHits = new int[STATUSES];
  // Virtual host and section pairs: (vhost key << 32 | section id) to a pair number, with a row
  // that has the pair (for its text) and its hits. Only rows that name a virtual host get here.
  private final Map<Long, Integer> pairIndex = new HashMap<>();
  int pairCount;
  int[] pairRow = new int[16];
  int[] pairHits = new int[16];
  int[] records = new int[64];
  int recordCount;

  /**
   * Tallies the counted hits of {@code l} (outcome OK; records are listed), forgetting the last.
   */
  public void build(ParsedLines l) {
    paths.clear();
    agents.clear();
    referrers.clear();
    vhosts.clear();
    recentPaths.clear();
    recentAgents.clear();
    recentReferrers.clear();
    pairIndex.clear();
    pairCount = 0;
    Arrays.fill(statusHits, 0);
    recordCount = 0;
    byte[] b = l.buffer();
    for (int i = 0, n = l.size(); i < n; i++) {
      byte outcome = l.outcome(i);
      if (outcome == ParsedLines.OK) {
        row(l, b, i);
      } else if (outcome == ParsedLines.RECORD) {
        if (recordCount == records.length) {
          records = Arrays.copyOf(records, recordCount * 2);
        }
        records[recordCount++] = i;
      }
    }
  }

  private void row(ParsedLines l, byte[] b, int i) {
    int status = l.status(i);
    if (status >= 0 && status < STATUSES) {
      statusHits[status]++;
    }
    if (l.targetStart(i) >= 0) {
      path(l, b, i, status);
    }
    int a = l.agentStart(i);
    if (a >= 0) {
      agent(b, a, l.agentEnd(i));
    }
    int r = l.referrerStart(i);
    if (r >= 0) {
      referrer(b, r, l.referrerEnd(i));
    }
    if (l.vhostStart(i) >= 0) {
      pair(l, b, i);
    }
  }

  private void path(ParsedLines l, byte[] b, int i, int status) {
    int from = l.targetStart(i);
    int to = l.targetEnd(i);
    int slot = RecentKeys.slot(b, from, to);
    int k = recentPaths.find(b, from, to, slot);
    if (k == RecentKeys.MISS) {
      k = newPath(b, from, l.pathEnd(i));
      recentPaths.put(slot, from, to, k);
    }
    pathHits[k]++;
    if (status == 404) {
      pathNotFound[k]++;
    } else if (status >= 500 && status <= 599) {
      pathServerErrors[k]++;
    }
  }

  private int newPath(byte[] b, int from, int to) {
    int before = paths.size();
    int k = paths.intern(b, from, to, ByteScan.hash(b, from, to));
    if (k == before) {
      if (k == pathHits.length) {
        pathHits = Arrays.copyOf(pathHits, k * 2);
        pathNotFound = Arrays.copyOf(pathNotFound, k * 2);
        pathServerErrors = Arrays.copyOf(pathServerErrors, k * 2);
      }
      pathHits[k] = 0;
      pathNotFound[k] = 0;
      pathServerErrors[k] = 0;
    }
    return k;
  }

  private void agent(byte[] b, int from, int to) {
    int slot = RecentKeys.slot(b, from, to);
    int k = recentAgents.find(b, from, to, slot);
    if (k == RecentKeys.MISS) {
      k = newAgent(b, from, to);
      recentAgents.put(slot, from, to, k);
    }
    agentHits[k]++;
  }

  private int newAgent(byte[] b, int from, int to) {
    int before = agents.size();
    int k = agents.intern(b, from, to, ByteScan.hash(b, from, to));
    if (k == before) {
      if (k == agentHits.length) {
        agentHits = Arrays.copyOf(agentHits, k * 2);
      }
      agentHits[k] = 0;
    }
    return k;
  }

  private void referrer(byte[] b, int from, int to) {
    int slot = RecentKeys.slot(b, from, to);
    int k = recentReferrers.find(b, from, to, slot);
    if (k == RecentKeys.MISS) {
      long host = ReferrerHosts.of(b, from, to);
      k = host < 0 ? NO_HOST : newReferrer(b, (int) (host >>> 32), (int) host);
      recentReferrers.put(slot, from, to, k);
    }
    if (k != NO_HOST) {
      referrerHits[k]++;
    }
  }

  private int newReferrer(byte[] b, int from, int to) {
    int before = referrers.size();
    int k = referrers.intern(b, from, to, ByteScan.hash(b, from, to));
    if (k == before) {
      if (k == referrerHits.length) {
        referrerHits = Arrays.copyOf(referrerHits, k * 2);
      }
      referrerHits[k] = 0;
    }
    return k;
  }

  private void pair(ParsedLines l, byte[] b, int i) {
    int from = l.vhostStart(i);
    int to = l.vhostEnd(i);
    int vhost = vhosts.intern(b, from, to, l.vhostHash(i));
    int section = l.sectionStart(i) < 0 ? l.sectionStart(i) : l.sectionKey(i);
    Long key = ((long) vhost << 32) | (section & 0xFFFFFFFFL);
    Integer p = pairIndex.get(key);
    if (p == null) {
      p = pairCount++;
      pairIndex.put(key, p);
      if (p == pairRow.length) {
        pairRow = Arrays.copyOf(pairRow, p * 2);
        pairHits = Arrays.copyOf(pairHits, p * 2);
      }
      pairRow[p] = i;
      pairHits[p] = 0;
    }
    pairHits[p]++;
  }
}
