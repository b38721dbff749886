package dev.logmon.parse.format;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import java.util.List;

/**
 * A format string compiled into alternating literals and fields, parsed by one left-to-right scan
 * with no regex.
 *
 * <p>A field ends where the literal after it starts. A field between {@code "} and {@code "} is
 * quoted: it ends at the first unescaped quote ({@code \"} is skipped, as Apache and nginx escape
 * it). A field whose text may itself contain the next literal (the space in {@code $time_local})
 * skips as many occurrences as its sample has. Trailing spaces and {@code \r} are ignored. Total
 * and stateless: one instance may be shared by threads.
 */
public final class CompiledFormat implements LineParser {
  private final String format;
  private final String[] before;
  private final FieldKind[] kinds;
  private final Strftime[] times;
  private final String[] after;
  private final boolean[] quoted;
  private final int[] skip;
  private final String tail;
  private final boolean hasDuration;

  CompiledFormat(String format, List<Tokens.Field> fields, String tail) {
    this.format = format;
    int n = fields.size();
    before = new String[n];
    kinds = new FieldKind[n];
    times = new Strftime[n];
    after = new String[n];
    quoted = new boolean[n];
    skip = new int[n];
    boolean d = false;
    for (int i = 0; i < n; i++) {
      Tokens.Field f = fields.get(i);
      before[i] = f.before();
      kinds[i] = f.kind();
      times[i] = f.time();
      d |= f.kind().isDuration();
      String next = i + 1 < n ? fields.get(i + 1).before() : tail;
      after[i] = next.isEmpty() ? null : next;
    }
    for (int i = 0; i < n; i++) {
      quoted[i] = before[i].endsWith("\"") && after[i] != null && after[i].startsWith("\"");
      String sample =
          times[i] != null
              ? times[i].format(java.time.OffsetDateTime.parse("2000-10-10T13:55:36-07:00"))
              : kinds[i].sample;
      skip[i] = after[i] == null || quoted[i] ? 0 : occurrences(sample, after[i]);
    }
    this.tail = tail;
    this.hasDuration = d;
  }

  /**
   * The parser of this format's lines: its byte form, or this parser of text when its records do
   * not fit a row (see {@link ByteFormat#of}). Built once per call.
   */
  public dev.logmon.parse.RowParser rows() {
    ByteFormat bytes = ByteFormat.of(this, before, kinds, times, after, quoted, skip, tail);
    return bytes != null ? bytes : new dev.logmon.parse.TextRows(this, true);
  }

  /** Whether lines of this format carry the request duration. */
  public boolean hasDuration() {
    return hasDuration;
  }

  @Override
  public ParseResult parse(String line) {
    try {
      return scan(line);
    } catch (RuntimeException e) {
      // The scan checks every index; this only keeps a bug from ever stopping the pipeline.
      return Failures.of(MalformedReason.FORMAT_MISMATCH);
    }
  }

  private ParseResult scan(String line) {
    if (line == null) {
      return Failures.of(MalformedReason.EMPTY);
    }
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      return Failures.of(MalformedReason.EMPTY);
    }
    RecordBuilder b = new RecordBuilder();
    int p = 0;
    for (int i = 0; i < kinds.length; i++) {
      String lit = before[i];
      if (p + lit.length() > end || !line.startsWith(lit, p)) {
        return Failures.of(i == 0 ? MalformedReason.FORMAT_MISMATCH : kinds[i].reason);
      }
      p += lit.length();
      int e;
      if (quoted[i]) {
        e = closingQuote(line, p, end);
      } else if (after[i] == null) {
        e = end;
      } else {
        e = find(line, after[i], p, end, skip[i]);
        if (kinds[i] == FieldKind.DURATION_S_LIST) {
          e = listEnd(line, after[i], p, e, end);
        }
      }
      if (e < 0) {
        return Failures.of(kinds[i].reason);
      }
      boolean ok = times[i] != null ? times[i].read(line, p, e, b) : b.set(kinds[i], line, p, e);
      if (!ok) {
        return Failures.of(kinds[i].reason);
      }
      p = e;
    }
    if (!line.startsWith(tail, p) || p + tail.length() != end) {
      return Failures.of(MalformedReason.TRAILING_GARBAGE);
    }
    return b.build();
  }

  /** The start of the {@code skip + 1}-th occurrence of {@code lit} in {@code [from, end)}. */
  private static int find(String s, String lit, int from, int end, int skip) {
    int at = from;
    for (int n = 0; n <= skip; n++) {
      at = lit.length() == 1 ? s.indexOf(lit.charAt(0), at) : s.indexOf(lit, at);
      if (at < 0 || at + lit.length() > end) {
        return -1;
      }
      if (n < skip) {
        at += lit.length();
      }
    }
    return at;
  }

  /**
   * Where a list such as {@code $upstream_response_time} ({@code 0.010, 0.002 : 0.001}) really
   * ends: occurrences of the literal inside the list's separators are skipped.
   */
  private static int listEnd(String s, String lit, int from, int at, int end) {
    while (at > from
        && (s.charAt(at - 1) == ',' || s.charAt(at - 1) == ':' || s.startsWith(" :", at))) {
      at = find(s, lit, at + 1, end, 0);
    }
    return at;
  }

  /** The index of the '"' closing a quoted field, skipping backslash escapes; -1 if none. */
  private static int closingQuote(String s, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i++;
      }
    }
    return -1;
  }

  private static int occurrences(String sample, String lit) {
    int n = 0;
    for (int at = sample.indexOf(lit); at >= 0; at = sample.indexOf(lit, at + lit.length())) {
      n++;
    }
    return n;
  }

  @Override
  public String toString() {
    return format;
  }
}
