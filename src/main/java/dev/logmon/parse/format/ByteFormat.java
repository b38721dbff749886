package dev.logmon.parse.format;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.Sections;
import dev.logmon.source.LineBytes;
import java.nio.charset.StandardCharsets;

/**
 * An Apache {@code LogFormat} or nginx {@code log_format} string compiled into alternating literals
 * and fields, read straight from a line's bytes into a row of {@link ParsedLines} by one
 * left-to-right scan, with no String, regex or allocation per line.
 *
 * <p>A field ends where the literal after it starts. A field between {@code "} and {@code "} is
 * quoted: it ends at the first unescaped quote ({@code \"} is skipped, as Apache and nginx escape
 * it). A field whose text may itself contain the next literal (the space in {@code $time_local})
 * skips as many occurrences as its sample has. Trailing spaces and {@code \r} are ignored. Literals
 * are matched as UTF-8. Two shapes a row cannot hold in one range make the line a record (a run of
 * one): a port apart from its vhost (the vhost is {@code vhost:port}) and a query apart from its
 * path with fields between (the target is the path and query joined); a query right after its path
 * ({@code $uri?$args}) is read with what lies between, as the line has it. It agrees with a reading
 * of the line as text ({@code TextFormat} in the tests, {@code ByteFormatProperties}). Immutable
 * and thread-safe.
 */
final class ByteFormat implements RowParser {
  private static final byte MISMATCH = ParsedLines.code(MalformedReason.FORMAT_MISMATCH);

  private final String format;
  private final byte[][] before;
  private final FieldKind[] kinds;
  private final Strftime[] times;
  private final byte[][] after;
  private final boolean[] quoted;
  private final int[] skip;
  private final byte[] reasons;
  private final byte[] tail;
  // A port or query a row cannot hold: the line becomes a record joining the two texts.
  private final boolean portApart;
  private final boolean queryApart;

  ByteFormat(String format, java.util.List<Tokens.Field> fields, String tail) {
    int n = fields.size();
    this.format = format;
    before = new byte[n][];
    kinds = new FieldKind[n];
    times = new Strftime[n];
    after = new byte[n][];
    quoted = new boolean[n];
    skip = new int[n];
    reasons = new byte[n];
    int vhosts = 0;
    int ports = 0;
    boolean vhostColonPort = false;
    int path = -1;
    int query = -1;
    for (int k = 0; k < n; k++) {
      Tokens.Field f = fields.get(k);
      String next = k + 1 < n ? fields.get(k + 1).before() : tail;
      before[k] = utf8(f.before());
      kinds[k] = f.kind();
      times[k] = f.time();
      after[k] = next.isEmpty() ? null : utf8(next);
      reasons[k] = ParsedLines.code(f.kind().reason);
      quoted[k] = f.before().endsWith("\"") && next.startsWith("\"");
      String sample =
          f.time() != null
              ? f.time().format(java.time.OffsetDateTime.parse("2000-10-10T13:55:36-07:00"))
              : f.kind().sample;
      skip[k] = next.isEmpty() || quoted[k] ? 0 : occurrences(sample, next);
      switch (f.kind()) {
        case VHOST -> vhosts++;
        case PORT -> {
          ports++;
          vhostColonPort = k > 0 && kinds[k - 1] == FieldKind.VHOST && f.before().equals(":");
        }
        case PATH -> path = k;
        case QUERY -> query = k;
        default -> {}
      }
    }
    this.tail = utf8(tail);
    this.portApart = ports > 0 && vhosts > 0 && !(vhosts == 1 && ports == 1 && vhostColonPort);
    this.queryApart = path >= 0 && query >= 0 && query != path + 1;
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
    int port = -1;
    int portEnd = -1;
    int query = -1;
    int queryEnd = -1;
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
        case PORT -> {
          port = p;
          portEnd = e;
        }
        case QUERY -> {
          query = p;
          queryEnd = e;
        }
        case REFERRER -> {
          referrer = p;
          referrerEnd = e;
        }
        case USER_AGENT -> {
          agent = p;
          agentEnd = e;
        }
        default -> {} // IGNORE, USER, PROTOCOL: not counted
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
      // The target, else the path with a query written right after it (joined below if apart).
      int t = target >= 0 ? target : path >= 0 ? path : from;
      int tEnd = target >= 0 ? targetEnd : path >= 0 ? pathEnd : from;
      if (target < 0 && path >= 0 && query >= 0 && !queryApart) {
        tEnd = queryEnd;
      }
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
      // A port written right after its vhost and a colon: "vhost:port" is one range.
      out.vhost(i, vhost, portEnd >= 0 && !portApart ? portEnd : vhostEnd);
    }
    boolean joinPort = portApart && vhost >= 0 && port >= 0;
    boolean joinQuery = queryApart && target < 0 && path >= 0 && query >= 0;
    if (joinPort || joinQuery) {
      LogRecord r = out.recordOfParsed(i);
      if (joinPort) {
        r = r.withVhost(text(b, vhost, vhostEnd) + ":" + text(b, port, portEnd));
      }
      if (joinQuery && !r.requestMalformed()) {
        r = r.withTarget(text(b, path, pathEnd) + text(b, query, queryEnd));
      }
      out.setRecord(i, r);
      return ParsedLines.RECORD;
    }
    return ParsedLines.OK;
  }

  /** Reads a date-time field into row {@code i} and, when valid, remembers its text. */
  private boolean time(int k, byte[] b, int p, int e, ParsedLines out, int i) {
    boolean ok =
        switch (kinds[k]) {
          case TIME_CLF -> ByteFields.clf(b, p, e, out, i);
          case TIME_CLF_BRACKETED ->
              e - p == ByteFields.CLF_LENGTH + 2
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

  private static String text(byte[] b, int from, int to) {
    return LineBytes.decode(b, from, to - from);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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
