package dev.logmon.parse.format;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.Sections;
import java.nio.charset.StandardCharsets;

/**
 * A {@link CompiledFormat} read straight from a line's bytes into a row of {@link ParsedLines}: the
 * same scan (literals, quoted fields, skipped occurrences, lists) and the same field checks, with
 * no String, regex or allocation per line.
 *
 * <p>It agrees with the compiled format on every line ({@code ByteFormatProperties}); formats whose
 * record a row cannot hold are refused by {@link #of} and read as text. Immutable and thread-safe.
 */
final class ByteFormat implements RowParser {
  private static final byte MISMATCH = ParsedLines.code(MalformedReason.FORMAT_MISMATCH);

  private final CompiledFormat reference;
  private final byte[][] before;
  private final FieldKind[] kinds;
  private final Strftime[] times;
  private final byte[][] after;
  private final boolean[] quoted;
  private final int[] skip;
  private final byte[] reasons;
  private final byte[] tail;

  private ByteFormat(
      CompiledFormat reference,
      String[] before,
      FieldKind[] kinds,
      Strftime[] times,
      String[] after,
      boolean[] quoted,
      int[] skip,
      String tail) {
    int n = kinds.length;
    this.reference = reference;
    this.before = new byte[n][];
    this.after = new byte[n][];
    this.reasons = new byte[n];
    for (int k = 0; k < n; k++) {
      this.before[k] = before[k].getBytes(StandardCharsets.ISO_8859_1);
      this.after[k] = after[k] == null ? null : after[k].getBytes(StandardCharsets.ISO_8859_1);
      this.reasons[k] = ParsedLines.code(kinds[k].reason);
    }
    this.kinds = kinds.clone();
    this.times = times.clone();
    this.quoted = quoted.clone();
    this.skip = skip.clone();
    this.tail = tail.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The byte form of a compiled format, or null when a row cannot hold its record: literals that
   * are not ASCII, a path and query apart ({@code $uri?$args}: the target would be two ranges), or
   * a vhost and port not written as {@code vhost:port}.
   */
  static ByteFormat of(
      CompiledFormat reference,
      String[] before,
      FieldKind[] kinds,
      Strftime[] times,
      String[] after,
      boolean[] quoted,
      int[] skip,
      String tail) {
    if (!ascii(tail)) {
      return null;
    }
    int vhosts = 0;
    int ports = 0;
    boolean target = false;
    boolean path = false;
    boolean query = false;
    boolean vhostColonPort = false;
    for (int k = 0; k < kinds.length; k++) {
      if (!ascii(before[k])) {
        return null;
      }
      switch (kinds[k]) {
        case VHOST -> vhosts++;
        case PORT -> {
          ports++;
          vhostColonPort = k > 0 && kinds[k - 1] == FieldKind.VHOST && before[k].equals(":");
        }
        case TARGET -> target = true;
        case PATH -> path = true;
        case QUERY -> query = true;
        default -> {}
      }
    }
    boolean oneVhostColonPort = vhosts == 1 && ports == 1 && vhostColonPort;
    if ((path && query && !target) || (ports > 0 && vhosts > 0 && !oneVhostColonPort)) {
      return null;
    }
    return new ByteFormat(reference, before, kinds, times, after, quoted, skip, tail);
  }

  @Override
  public byte parse(byte[] b, int from, int to, ParsedLines out, int i) {
    int end = to;
    while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\r')) {
      end--;
    }
    if (end == from) {
      return ParsedLines.code(MalformedReason.EMPTY);
    }
    boolean hasTime = false;
    int status = -1;
    long bytes = 0;
    long duration = LogRecord.NO_DURATION;
    // Field ranges; -1 while the field has not been read. The last of a kind wins, as in
    // RecordBuilder.
    int host = -1;
    int hostEnd = -1;
    int request = -1;
    int requestEnd = -1;
    int method = -1;
    int methodEnd = -1;
    int target = -1;
    int targetEnd = -1;
    int path = -1;
    int pathEnd = -1;
    int vhost = -1;
    int vhostEnd = -1;
    int portEnd = -1;
    int referrer = -1;
    int referrerEnd = -1;
    int agent = -1;
    int agentEnd = -1;
    int p = from;
    for (int k = 0; k < kinds.length; k++) {
      byte[] lit = before[k];
      int n = lit.length;
      // The first byte inline: most literals are one or two bytes, and this runs per field.
      if (p + n > end
          || (n > 0 && (b[p] != lit[0] || (n > 1 && !ByteLiterals.startsWith(b, p, lit))))) {
        return k == 0 ? MISMATCH : reasons[k];
      }
      p += n;
      int e;
      FieldKind kind = kinds[k];
      if (quoted[k]) {
        e = ByteScan.closingQuote(b, p, end);
      } else if (after[k] == null) {
        e = end;
      } else {
        e = ByteLiterals.find(b, after[k], p, end, skip[k]);
        if (kind == FieldKind.DURATION_S_LIST) {
          e = ByteLiterals.listEnd(b, to, after[k], p, e, end);
        }
      }
      if (e < 0) {
        return reasons[k];
      }
      boolean ok = true;
      switch (kind) {
        case HOST -> {
          host = p;
          hostEnd = e;
          ok = e > p;
        }
        case TIME_CLF, TIME_CLF_BRACKETED, TIME_ISO, TIME_STRFTIME -> {
          // A second's lines repeat its text: read it once (epoch times change every line).
          ok = hasTime = out.timeAsBefore(i, k, p, e - p) || time(k, b, p, e, out, i);
        }
        case TIME_EPOCH_S -> ok = hasTime = ByteFields.epoch(b, p, e, 1, out, i);
        case TIME_EPOCH_MS -> ok = hasTime = ByteFields.epoch(b, p, e, 1_000, out, i);
        case TIME_EPOCH_US -> ok = hasTime = ByteFields.epoch(b, p, e, 1_000_000, out, i);
        case REQUEST -> {
          request = p;
          requestEnd = e;
        }
        case METHOD -> {
          method = p;
          methodEnd = e;
        }
        case TARGET -> {
          target = p;
          targetEnd = e;
        }
        case PATH -> {
          path = p;
          pathEnd = e;
        }
        case STATUS -> {
          status = (int) ByteFields.digits(b, p, e);
          ok = e - p == 3 && status >= 100;
        }
        case BYTES -> {
          bytes = ByteFields.isDash(b, p, e) ? 0 : ByteFields.digits(b, p, e);
          ok = bytes >= 0;
        }
        case DURATION_US, DURATION_MS, DURATION_S, DURATION_NS -> {
          // The first duration with a value wins; "-" (no upstream asked) leaves it absent.
          if (!ByteFields.isDash(b, p, e) && duration == LogRecord.NO_DURATION) {
            duration = ByteFields.scaled(b, p, e, ByteFields.exponent(kind));
            ok = duration >= 0;
          }
        }
        case DURATION_S_LIST -> {
          long sum = ByteFields.durationList(b, p, e);
          ok = sum != ByteFields.BAD_LIST && sum != ByteFields.OVERFLOW;
          if (ok && sum != ByteFields.NONE && duration == LogRecord.NO_DURATION) {
            duration = sum;
          }
        }
        case VHOST -> {
          vhost = p;
          vhostEnd = e;
        }
        case PORT -> portEnd = e;
        case REFERRER -> {
          referrer = p;
          referrerEnd = e;
        }
        case USER_AGENT -> {
          agent = p;
          agentEnd = e;
        }
        default -> {} // IGNORE, USER, QUERY, PROTOCOL: not counted
      }
      if (!ok) {
        return reasons[k];
      }
      p = e;
    }
    if (p + tail.length != end || !ByteLiterals.startsWith(b, p, tail)) {
      return ParsedLines.code(MalformedReason.TRAILING_GARBAGE);
    }
    if (!hasTime) {
      return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
    }
    if (status < 100 || status > 999) {
      return ParsedLines.code(MalformedReason.BAD_STATUS);
    }
    if (request >= 0) {
      out.request(i, request, requestEnd);
    } else {
      // As RecordBuilder.build: the target, else the path (a query apart is refused by of()).
      int t = target >= 0 ? target : path >= 0 ? path : from;
      int tEnd = target >= 0 ? targetEnd : path >= 0 ? pathEnd : from;
      boolean none = tEnd == t || ByteFields.isDash(b, t, tEnd);
      if (method >= 0 && methodEnd > method && !none) {
        out.request(i, method, methodEnd, t, tEnd);
      } else {
        out.malformedRequest(i, none ? Sections.NO_REQUEST : Sections.INVALID);
      }
    }
    if (host >= 0) {
      out.host(i, host, hostEnd);
    } else {
      out.noHost(i);
    }
    out.hit(i, status, bytes, duration);
    if (referrer >= 0) {
      out.referrer(i, referrer, referrerEnd);
    }
    if (agent >= 0) {
      out.agent(i, agent, agentEnd);
    }
    if (vhost >= 0) {
      // With a port, of() made sure the text is "vhost:port", the record's vhost, in one range.
      out.vhost(i, vhost, portEnd >= 0 ? portEnd : vhostEnd);
    }
    return ParsedLines.OK;
  }

  /** Reads a date-time field into row {@code i} and, when valid, remembers its text. */
  private boolean time(int k, byte[] b, int p, int e, ParsedLines out, int i) {
    boolean ok =
        switch (kinds[k]) {
          case TIME_CLF -> ByteFields.clf(b, p, e, out, i);
          case TIME_CLF_BRACKETED ->
              e - p == Times.CLF_LENGTH + 2
                  && b[p] == '['
                  && b[e - 1] == ']'
                  && ByteFields.clf(b, p + 1, e - 1, out, i);
          case TIME_ISO -> ByteFields.iso(b, p, e, out, i);
          default -> times[k].read(b, p, e, out, i);
        };
    if (ok) {
      out.rememberTime(i, k, p, e - p);
    }
    return ok;
  }

  private static boolean ascii(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return reference.toString();
  }
}
