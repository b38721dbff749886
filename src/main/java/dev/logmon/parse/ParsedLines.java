package dev.logmon.parse;

import dev.logmon.source.LineBytes;
import java.util.Arrays;

/**
 * A chunk of log lines parsed into compact primitive rows: per line an outcome, and for a hit its
 * second, offset, status, size, request duration, and the byte ranges (with hashes) of its client,
 * section, method and virtual host in the chunk's buffer. Keys are decoded to Strings only by the
 * consumer, once per new key.
 *
 * <p>Rows are written by a {@link RowParser} through the public writers below. A hit of a format
 * read as text, or with non-ASCII bytes, is kept as a {@link LogRecord} ({@link #RECORD}). Not
 * thread-safe: a chunk is filled by one thread, then handed over (with a happens-before edge such
 * as a {@code Future}) to the one that reads it; it is reused afterwards.
 */
public final class ParsedLines implements TimeSink {
  /** Outcome of a line that is a hit, read from the rows. */
  public static final byte OK = 0;

  /**
   * Outcome of a hit held as a whole {@link LogRecord} (see {@link #record(int)}): a line of a
   * format read as text, or one with non-ASCII bytes, whose keys are decoded as UTF-8. Counted on
   * its own, not in a run.
   */
  public static final byte RECORD = -1;

  /**
   * Outcome of a line longer than the line cap: only its cut start is held, and it is counted as
   * oversize, neither a hit nor malformed (as the source stage counts it in follow mode).
   */
  public static final byte OVERSIZE = -2;

  /**
   * Outcome of a hit that a filter left out ({@link #leaveOut}): it keeps its time (and its record,
   * if it was held as one) and the number of the rule that left it out ({@link #filterRule}), and
   * is counted as filtered, nowhere else.
   */
  public static final byte FILTERED = -3;

  /** The number of placeholder sections; a row's {@link #sectionStart} is -1 to minus this. */
  public static final int PLACEHOLDER_COUNT = 6;

  /** Placeholder sections, by the negative code {@code -(index + 1)} in the section start. */
  static final String[] PLACEHOLDERS = {
    "/",
    Sections.ASTERISK,
    Sections.CONNECT,
    Sections.INVALID,
    Sections.NO_REQUEST,
    Sections.EMPTY_REQUEST
  };

  private static final MalformedReason[] REASONS = MalformedReason.values();
  private static final int DASH_HASH = "-".hashCode();

  byte[] buf = new byte[0];
  int size;
  int oversizeLines;
  int[] lineStart = new int[0];
  int[] lineEnd = new int[0];
  byte[] outcome = new byte[0];
  long[] second = new long[0];
  int[] offset = new int[0];
  short[] status = new short[0];
  long[] bytes = new long[0];
  int[] hostStart = new int[0];
  int[] hostEnd = new int[0];
  int[] hostHash = new int[0];
  int[] sectionStart = new int[0];
  int[] sectionEnd = new int[0];
  int[] sectionHash = new int[0];
  int[] methodStart = new int[0];
  int[] methodEnd = new int[0];
  int[] methodHash = new int[0];
  long[] duration = new long[0];
  int[] vhostStart = new int[0];
  int[] vhostEnd = new int[0];
  int[] vhostHash = new int[0];
  LogRecord[] records = new LogRecord[0];
  // The request target, Referer and User-Agent of a plain row (-1: none), which filters and the
  // breakdowns read; the rule that left a FILTERED row out.
  int[] targetStart = new int[0];
  int[] targetEnd = new int[0];
  int[] referrerStart = new int[0];
  int[] referrerEnd = new int[0];
  int[] agentStart = new int[0];
  int[] agentEnd = new int[0];
  short[] filterRule = new short[0];
  int sectionDepth = 1;
  // Per row, the chunk-local number of its client, section and method text (see ChunkKeys).
  int[] hostKey = new int[0];
  int[] sectionKey = new int[0];
  int[] methodKey = new int[0];
  private final ChunkKeys hostKeys = new ChunkKeys();
  private final ChunkKeys sectionKeys = new ChunkKeys();
  private final ChunkKeys methodKeys = new ChunkKeys();
  // Lines the source cut to the cap (their numbers in the chunk), and the next one to meet.
  int[] cut = {};
  int nextCut;
  private static final java.util.concurrent.atomic.AtomicLong CHUNKS =
      new java.util.concurrent.atomic.AtomicLong();
  private long chunk;
  // The last valid time text parsed in this chunk, by field memoField of its parser, and its time.
  private int memoAt = -1;
  private int memoLength;
  private int memoField;
  private long memoSecond;
  private int memoOffset;

  /** The reason a positive outcome code stands for. */
  public static MalformedReason reason(byte code) {
    return REASONS[code - 1];
  }

  /** The outcome code of a line malformed for {@code r}. */
  @SuppressWarnings("EnumOrdinal") // a row keeps its outcome in a byte; REASONS maps it back
  public static byte code(MalformedReason r) {
    return (byte) (r.ordinal() + 1);
  }

  /** The number of lines in the chunk. */
  public int size() {
    return size;
  }

  /**
   * A number no other chunk filled in this JVM has: the counting thread's per-chunk caches of key
   * ids are valid only while it stays the same.
   */
  public long chunk() {
    return chunk;
  }

  /**
   * The chunk-local number of row {@code i}'s client: rows with the same client text have the same
   * number, counted from 0 in order of first appearance; only for rows with a {@link #hostStart} >=
   * 0.
   */
  public int hostKey(int i) {
    return hostKey[i];
  }

  /** As {@link #hostKey} for the section, on rows whose section is not a placeholder. */
  public int sectionKey(int i) {
    return sectionKey[i];
  }

  /** As {@link #hostKey} for the method, on rows whose request is not malformed. */
  public int methodKey(int i) {
    return methodKey[i];
  }

  /** The number of distinct clients in the chunk: key numbers are below it. */
  public int hostKeyCount() {
    return hostKeys.size();
  }

  /** The number of distinct sections (not placeholders) in the chunk. */
  public int sectionKeyCount() {
    return sectionKeys.size();
  }

  /** The number of distinct methods in the chunk. */
  public int methodKeyCount() {
    return methodKeys.size();
  }

  /** The chunk's bytes; key ranges index into it. */
  public byte[] buffer() {
    return buf;
  }

  /** The number of {@link #OVERSIZE} lines in the chunk. */
  public int oversizeLines() {
    return oversizeLines;
  }

  /**
   * {@link #OK}, {@link #RECORD}, {@link #OVERSIZE}, or a positive code for {@link #reason(int)}.
   */
  public byte outcome(int i) {
    return outcome[i];
  }

  /** Why line {@code i} is malformed; only when its outcome is positive. */
  public MalformedReason reason(int i) {
    return REASONS[outcome[i] - 1];
  }

  /** The record of a {@link #RECORD} line. */
  public LogRecord record(int i) {
    return records[i];
  }

  /** Stores the record of row {@code i}, a hit whose parser answers {@link #RECORD}. */
  public void setRecord(int i, LogRecord r) {
    records[i] = r;
  }

  /**
   * Hit {@code i}, the line just parsed, as a record with every field its parser read: {@link
   * #toRecord} with the target, referrer and agent of the row, which filters read.
   */
  public LogRecord recordOfParsed(int i) {
    LogRecord r = toRecord(i);
    return r.with(
        targetStart[i] < 0 ? r.target() : text(targetStart[i], targetEnd[i]),
        r.section(),
        referrerStart[i] < 0 ? null : text(referrerStart[i], referrerEnd[i]),
        agentStart[i] < 0 ? null : text(agentStart[i], agentEnd[i]),
        r.vhost());
  }

  /**
   * Marks hit {@code i} (outcome {@link #OK} or {@link #RECORD}) as left out by filter rule {@code
   * rule} (0 to 32766): it becomes {@link #FILTERED}, keeping its time and record.
   */
  public void leaveOut(int i, int rule) {
    byte o = outcome[i];
    if (o != OK && o != RECORD) {
      throw new IllegalArgumentException("line " + i + " of the chunk is not a hit");
    }
    if (o == RECORD) {
      LogRecord r = records[i];
      second[i] = r.epochSecond();
      offset[i] = r.offsetSeconds();
    }
    outcome[i] = FILTERED;
    filterRule[i] = (short) rule;
  }

  /** The rule (an index into the run's filter labels) that left {@link #FILTERED} row i out. */
  public int filterRule(int i) {
    return filterRule[i];
  }

  /**
   * Gives every hit that names no virtual host {@code vhost} (the host a syslog message came from):
   * such a row is then held as a record, counted on its own.
   */
  public void defaultVhost(String vhost) {
    for (int i = 0; i < size; i++) {
      if (outcome[i] == OK && vhostStart[i] < 0) {
        records[i] = toRecord(i).withVhost(vhost);
        outcome[i] = RECORD;
      } else if (outcome[i] == RECORD && records[i].vhost() == null) {
        records[i] = records[i].withVhost(vhost);
      }
    }
  }

  /**
   * Hit {@code i} as a record with the fields logmon counts (client, time, method, section, status,
   * size, duration, virtual host), for the rare line that must outlive its chunk (a timestamp held
   * until later lines confirm it). Rows keep no request target, so the section stands in for it.
   */
  public LogRecord toRecord(int i) {
    if (records[i] != null) {
      return records[i];
    }
    String section = sectionPlaceholder(i);
    if (section == null) {
      section = text(sectionStart[i], sectionEnd[i]);
    }
    boolean malformedRequest = requestMalformed(i);
    return new LogRecord(
        hostStart[i] < 0 ? "-" : text(hostStart[i], hostEnd[i]),
        "-",
        second[i],
        offset[i],
        malformedRequest ? "" : text(methodStart[i], methodEnd[i]),
        malformedRequest ? "" : section,
        section,
        malformedRequest,
        status[i],
        bytes[i],
        null,
        null,
        vhostStart[i] < 0 ? null : text(vhostStart[i], vhostEnd[i]),
        duration[i]);
  }

  /**
   * The chunk's bytes {@code [from, to)} as text: Latin-1 when ASCII (as the aggregator reads row
   * keys), else UTF-8 with U+FFFD for bad bytes (as formats read as text decode their line).
   */
  public String text(int from, int to) {
    return LineBytes.decode(buf, from, to - from);
  }

  /** Line {@code i} as text (for quoting a malformed line), decoded as the line splitter does. */
  public String text(int i) {
    return LineBytes.decode(buf, lineStart[i], lineEnd[i] - lineStart[i]);
  }

  public long second(int i) {
    return second[i];
  }

  public int offsetSeconds(int i) {
    return offset[i];
  }

  public int status(int i) {
    return status[i];
  }

  public long bytes(int i) {
    return bytes[i];
  }

  /** Where the client starts, or -1 when the line names none (its client is {@code "-"}). */
  public int hostStart(int i) {
    return hostStart[i];
  }

  public int hostEnd(int i) {
    return hostEnd[i];
  }

  /** {@code String.hashCode()} of the client, without making the String. */
  public int hostHash(int i) {
    return hostHash[i];
  }

  public int sectionStart(int i) {
    return sectionStart[i];
  }

  public int sectionEnd(int i) {
    return sectionEnd[i];
  }

  public int sectionHash(int i) {
    return sectionHash[i];
  }

  /** The section when it is a placeholder rather than a range of the buffer, else null. */
  public String sectionPlaceholder(int i) {
    int s = sectionStart[i];
    return s < 0 ? PLACEHOLDERS[-s - 1] : null;
  }

  /** Whether the request line was not {@code METHOD TARGET PROTOCOL} (the method is absent). */
  public boolean requestMalformed(int i) {
    return methodStart[i] < 0;
  }

  public int methodStart(int i) {
    return methodStart[i];
  }

  public int methodEnd(int i) {
    return methodEnd[i];
  }

  public int methodHash(int i) {
    return methodHash[i];
  }

  /** The request duration in microseconds, or {@link LogRecord#NO_DURATION}. */
  public long durationMicros(int i) {
    return duration[i];
  }

  /** Where the virtual host starts, or -1 when the line has none. */
  public int vhostStart(int i) {
    return vhostStart[i];
  }

  public int vhostEnd(int i) {
    return vhostEnd[i];
  }

  public int vhostHash(int i) {
    return vhostHash[i];
  }

  /** Where a plain row's request target starts, or -1 when its request is malformed. */
  public int targetStart(int i) {
    return targetStart[i];
  }

  public int targetEnd(int i) {
    return targetEnd[i];
  }

  /** Where a plain row's path ends: its target up to a {@code ?} or {@code #}. */
  public int pathEnd(int i) {
    byte[] b = buf;
    int end = targetEnd[i];
    for (int k = targetStart[i]; k < end; k++) {
      if (b[k] == '?' || b[k] == '#') {
        return k;
      }
    }
    return end;
  }

  /** Where a plain row's Referer (as logged, without quotes) starts, or -1 when it has none. */
  public int referrerStart(int i) {
    return referrerStart[i];
  }

  public int referrerEnd(int i) {
    return referrerEnd[i];
  }

  /** Where a plain row's User-Agent (as logged, without quotes) starts, or -1 when it has none. */
  public int agentStart(int i) {
    return agentStart[i];
  }

  public int agentEnd(int i) {
    return agentEnd[i];
  }

  // Writers, for RowParsers: a row is a hit once time(), the client, the request and hit() are set.

  @Override
  public void time(int i, long epochSecond, int offsetSeconds) {
    second[i] = epochSecond;
    offset[i] = offsetSeconds;
  }

  /**
   * For byte parsers, as consecutive lines mostly share a second: if {@code buf[at, at + length)}
   * is the text that field {@code field} last read as a valid time in this chunk ({@link
   * #rememberTime}), sets row {@code i}'s time to that time and returns true.
   */
  public boolean timeAsBefore(int i, int field, int at, int length) {
    int m = memoAt;
    if (m < 0
        || field != memoField
        || length != memoLength
        || !ChunkKeys.same(buf, at, m, length)) {
      return false;
    }
    time(i, memoSecond, memoOffset);
    return true;
  }

  /**
   * Remembers {@code buf[at, at + length)} as the text field {@code field} read as row i's time.
   */
  public void rememberTime(int i, int field, int at, int length) {
    memoAt = at;
    memoLength = length;
    memoField = field;
    memoSecond = second[i];
    memoOffset = offset[i];
  }

  /**
   * Sets status, size and duration of row {@code i}, and clears its virtual host, referrer and
   * agent (set them after).
   */
  public void hit(int i, int code, long size, long durationMicros) {
    status[i] = (short) code;
    bytes[i] = size;
    duration[i] = durationMicros;
    vhostStart[i] = -1;
    referrerStart[i] = -1;
    agentStart[i] = -1;
  }

  /** The Referer of row {@code i} is {@code buf[from, to)} (after {@link #hit}). */
  public void referrer(int i, int from, int to) {
    referrerStart[i] = from;
    referrerEnd[i] = to;
  }

  /** The User-Agent of row {@code i} is {@code buf[from, to)} (after {@link #hit}). */
  public void agent(int i, int from, int to) {
    agentStart[i] = from;
    agentEnd[i] = to;
  }

  /** The client of row {@code i} is {@code buf[from, to)}. */
  public void host(int i, int from, int to) {
    hostStart[i] = from;
    hostEnd[i] = to;
    int h = ByteScan.hash(buf, from, to);
    hostHash[i] = h;
    hostKey[i] = hostKeys.intern(buf, from, to, h);
  }

  /** Row {@code i} names no client: it counts as {@code "-"}, as the String parsers say. */
  public void noHost(int i) {
    hostStart[i] = -1;
    hostEnd[i] = -1;
    hostHash[i] = DASH_HASH;
  }

  /** The virtual host of row {@code i} is {@code buf[from, to)} (after {@link #hit}). */
  public void vhost(int i, int from, int to) {
    vhostStart[i] = from;
    vhostEnd[i] = to;
    vhostHash[i] = ByteScan.hash(buf, from, to);
  }

  /**
   * Row {@code i}'s request line is {@code buf[from, to)}: method and section, or a placeholder.
   */
  public void request(int i, int from, int to) {
    int targetEnd = ByteScan.requestTargetEnd(buf, from, to);
    if (targetEnd < 0) {
      malformedRequest(i, ByteSections.ofMalformedRequest(buf, from, to));
      return;
    }
    int methodEnd = from;
    while (buf[methodEnd] != ' ') {
      methodEnd++;
    }
    method(i, from, methodEnd);
    section(i, methodEnd + 1, targetEnd);
  }

  /** Row {@code i}'s method is {@code buf[from, to)} and its target {@code buf[target, end)}. */
  public void request(int i, int from, int to, int target, int end) {
    method(i, from, to);
    section(i, target, end);
  }

  /**
   * Row {@code i} has no usable request; {@code section} is one of {@link Sections}' placeholders.
   */
  public void malformedRequest(int i, String section) {
    malformedRequest(i, placeholder(section));
  }

  void method(int i, int from, int to) {
    methodStart[i] = from;
    methodEnd[i] = to;
    int h = ByteScan.hash(buf, from, to);
    methodHash[i] = h;
    methodKey[i] = methodKeys.intern(buf, from, to, h);
  }

  void malformedRequest(int i, int placeholder) {
    methodStart[i] = -1;
    sectionStart[i] = placeholder;
    targetStart[i] = -1;
  }

  void section(int i, int from, int to) {
    byte[] b = buf;
    targetStart[i] = from;
    targetEnd[i] = to;
    long range = ByteSections.of(b, from, to, sectionDepth);
    int start = (int) (range >> 32);
    sectionStart[i] = start;
    if (start >= 0) {
      int end = (int) range;
      sectionEnd[i] = end;
      int h = ByteScan.hash(b, start, end);
      sectionHash[i] = h;
      sectionKey[i] = sectionKeys.intern(b, start, end, h);
    }
  }

  /** The placeholder code of {@code section}, one of {@link #PLACEHOLDERS}. */
  static int placeholder(String section) {
    for (int k = 0; k < PLACEHOLDERS.length; k++) {
      if (PLACEHOLDERS[k].equals(section)) {
        return -(k + 1);
      }
    }
    throw new IllegalArgumentException(section);
  }

  /** Starts a new chunk over {@code buffer}, forgetting the previous one. */
  void reset(byte[] buffer, int expectedLines) {
    // A loop of its own, not Arrays.fill: that one is shared with every caller's array type, and
    // compiled code profiled on another type was sent back at this one (bench/README.md).
    for (int i = 0; i < size; i++) {
      records[i] = null;
    }
    buf = buffer;
    size = 0;
    oversizeLines = 0;
    memoAt = -1;
    hostKeys.clear();
    sectionKeys.clear();
    methodKeys.clear();
    chunk = CHUNKS.incrementAndGet();
    ensure(expectedLines);
  }

  /** Makes room for row {@code i}. */
  void ensure(int i) {
    if (i < outcome.length) {
      return;
    }
    int n = Math.max(i + 1, Math.max(1024, outcome.length * 2));
    lineStart = Arrays.copyOf(lineStart, n);
    lineEnd = Arrays.copyOf(lineEnd, n);
    outcome = Arrays.copyOf(outcome, n);
    second = Arrays.copyOf(second, n);
    offset = Arrays.copyOf(offset, n);
    status = Arrays.copyOf(status, n);
    bytes = Arrays.copyOf(bytes, n);
    hostStart = Arrays.copyOf(hostStart, n);
    hostEnd = Arrays.copyOf(hostEnd, n);
    hostHash = Arrays.copyOf(hostHash, n);
    sectionStart = Arrays.copyOf(sectionStart, n);
    sectionEnd = Arrays.copyOf(sectionEnd, n);
    sectionHash = Arrays.copyOf(sectionHash, n);
    methodStart = Arrays.copyOf(methodStart, n);
    methodEnd = Arrays.copyOf(methodEnd, n);
    methodHash = Arrays.copyOf(methodHash, n);
    duration = Arrays.copyOf(duration, n);
    vhostStart = Arrays.copyOf(vhostStart, n);
    vhostEnd = Arrays.copyOf(vhostEnd, n);
    vhostHash = Arrays.copyOf(vhostHash, n);
    records = Arrays.copyOf(records, n);
    targetStart = Arrays.copyOf(targetStart, n);
    targetEnd = Arrays.copyOf(targetEnd, n);
    referrerStart = Arrays.copyOf(referrerStart, n);
    referrerEnd = Arrays.copyOf(referrerEnd, n);
    agentStart = Arrays.copyOf(agentStart, n);
    agentEnd = Arrays.copyOf(agentEnd, n);
    filterRule = Arrays.copyOf(filterRule, n);
    hostKey = Arrays.copyOf(hostKey, n);
    sectionKey = Arrays.copyOf(sectionKey, n);
    methodKey = Arrays.copyOf(methodKey, n);
  }
}
