package dev.logmon.parse;

import dev.logmon.source.LineBytes;

/**
 * Splits a chunk of bytes into lines and parses each into {@link ParsedLines}: the one parser of
 * every input path (a replay's chunks, a followed file's or standard input's batches). Line rules
 * as the source stage's {@code BatchAssembler}: {@code \n} ends a line, one trailing {@code \r} is
 * dropped, a line over the cap is counted as oversize and not parsed.
 *
 * <p>Every line goes through the {@link RowParser}; a hit with non-ASCII bytes is then held as a
 * {@link LogRecord} whose keys are decoded as UTF-8 (bad bytes as U+FFFD), since the counting stage
 * reads row keys as Latin-1. Thread-safe when the row parser is ({@link RowParser#parallel()}):
 * chunks are then parsed in parallel.
 */
public final class ChunkParser {
  private static final int[] NO_CUTS = {};

  private final int maxLineBytes;
  private final RowParser rows;
  private final int sectionDepth;

  /** A parser of the lines {@code rows} reads. */
  public ChunkParser(int maxLineBytes, RowParser rows) {
    this(maxLineBytes, rows, 1);
  }

  /**
   * A parser of the lines {@code rows} reads, whose sections are made of {@code sectionDepth} path
   * segments ({@code --section-depth}, 1 to 16).
   */
  public ChunkParser(int maxLineBytes, RowParser rows, int sectionDepth) {
    if (sectionDepth < 1 || sectionDepth > 16) {
      throw new IllegalArgumentException("sectionDepth must be 1 to 16: " + sectionDepth);
    }
    this.sectionDepth = sectionDepth;
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.rows = rows;
  }

  /** The row parser it parses lines with. */
  public RowParser rows() {
    return rows;
  }

  /**
   * Parses the lines of {@code buf[from, to)} into {@code out}, which is reset first. A last line
   * without {@code \n} is parsed only when {@code endOfInput}; otherwise it must not be there.
   */
  public void parse(byte[] buf, int from, int to, boolean endOfInput, ParsedLines out) {
    parse(buf, from, to, endOfInput, out, NO_CUTS);
  }

  /**
   * As above, where the source already cut lines over the cap: {@code cut} lists their numbers in
   * the chunk (0-based, ascending); they are counted as oversize whatever their length now.
   */
  public void parse(byte[] buf, int from, int to, boolean endOfInput, ParsedLines out, int[] cut) {
    out.reset(buf, (to - from) / 128); // typical access-log lines are longer than that
    out.cut = cut;
    out.nextCut = 0;
    out.sectionDepth = sectionDepth;
    rows.preview(buf, from, to);
    int i = from;
    while (i < to) {
      i = parseSome(buf, i, to, endOfInput, out);
    }
  }

  /**
   * Parses up to 64 lines from {@code i} and returns where it stopped ({@code to} at a partial last
   * line). A method per few lines, not a loop over the whole chunk in {@link #parse}, so that the
   * JIT compiles it after a few thousand lines instead of waiting for on-stack replacement.
   */
  private int parseSome(byte[] buf, int i, int to, boolean endOfInput, ParsedLines out) {
    int n = out.size;
    for (int k = 0; k < 64 && i < to; k++) {
      int start = i;
      int scan = scanLine(buf, i, to);
      boolean nonAscii = scan < 0;
      i = nonAscii ? ~scan : scan;
      if (i == to && !endOfInput) {
        out.size = n;
        return to;
      }
      out.ensure(n);
      line(buf, start, i, nonAscii, out, n);
      n++;
      i++;
    }
    out.size = n;
    return i;
  }

  /**
   * The index of the newline ending the line at {@code from} (or {@code to}), complemented if the
   * line has a non-ASCII byte. A method per line rather than a loop inside {@link #parse}: it is
   * compiled after a few thousand lines, whereas a loop in a method called once per chunk waits for
   * on-stack replacement, which can come late.
   */
  private static int scanLine(byte[] buf, int from, int to) {
    long high = 0;
    int i = from;
    while (i + 8 <= to) {
      long w = (long) LineBytes.LONGS.get(buf, i);
      long x = w ^ 0x0A0A0A0A0A0A0A0AL;
      long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (t != 0) {
        int nl = i + ByteScan.firstMarkedByte(t);
        high |= w & ((1L << ((nl - i) << 3)) - 1);
        return (high & 0x8080808080808080L) != 0 ? ~nl : nl;
      }
      high |= w;
      i += 8;
    }
    boolean nonAscii = (high & 0x8080808080808080L) != 0;
    while (i < to) {
      byte c = buf[i];
      if (c == '\n') {
        break;
      }
      nonAscii |= c < 0;
      i++;
    }
    return nonAscii ? ~i : i;
  }

  private void line(byte[] buf, int start, int end, boolean nonAscii, ParsedLines out, int n) {
    int len = end - start;
    if (len > 0 && buf[end - 1] == '\r') {
      len--;
    }
    boolean oversize = len > maxLineBytes;
    if (oversize) {
      len = LineBytes.boundaryAtOrBefore(buf, start, maxLineBytes);
    } else if (out.nextCut < out.cut.length && out.cut[out.nextCut] == n) {
      out.nextCut++;
      oversize = true;
    }
    out.lineStart[n] = start;
    out.lineEnd[n] = start + len;
    if (oversize) {
      out.outcome[n] = ParsedLines.OVERSIZE; // as the source stage: counted, not parsed
      out.oversizeLines++;
    } else {
      byte outcome = rows.parse(buf, start, start + len, out, n);
      out.outcome[n] = outcome;
      if (nonAscii && outcome == ParsedLines.OK) {
        out.setRecord(n, out.recordOfParsed(n));
        out.outcome[n] = ParsedLines.RECORD;
      } else if (outcome == ParsedLines.RECORD && sectionDepth > 1) {
        // A format read as text cuts the section at depth 1; the depth is the chunk's to apply.
        LogRecord r = out.record(n);
        if (!r.requestMalformed()) {
          out.setRecord(n, r.withSection(Sections.of(r.target(), sectionDepth)));
        }
      }
    }
  }
}
