package dev.logmon.parse.format;

import dev.logmon.parse.ByteScan;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.Sections;
import dev.logmon.parse.TimeSink;

/**
 * The fields of one line of a format read as text (JSON, W3C), turned into a {@link LogRecord} at
 * the end and stored in the line's row: the text readers of the fields those formats share with
 * format strings. One per line; not shared.
 */
final class RecordBuilder implements TimeSink {
  private static final String DASH = "-";

  long epochSecond;
  int offsetSeconds;
  boolean hasTime;
  int status = -1;
  long bytes;
  long durationMicros = LogRecord.NO_DURATION;
  String host;
  String user;
  String request;
  String method;
  String target;
  String path;
  String query;
  String referrer;
  String userAgent;
  String vhost;

  @Override
  public void time(int row, long epochSecond, int offsetSeconds) {
    this.epochSecond = epochSecond;
    this.offsetSeconds = offsetSeconds;
    hasTime = true;
  }

  /** Reads {@code s[from, to)} as a field of this kind; false if it is not a valid value. */
  boolean set(FieldKind kind, String s, int from, int to) {
    switch (kind) {
      case IGNORE, PROTOCOL:
        return true;
      case HOST:
        host = text(s, from, to);
        return to > from;
      case USER:
        user = text(s, from, to);
        return true;
      case REQUEST:
        request = s.substring(from, to);
        return true;
      case METHOD:
        method = s.substring(from, to);
        return true;
      case TARGET:
        target = s.substring(from, to);
        return true;
      case PATH:
        path = s.substring(from, to);
        return true;
      case QUERY:
        query = s.substring(from, to);
        return true;
      case STATUS:
        status = (int) ByteFields.digits(s, from, to);
        return to - from == 3 && status >= 100;
      case BYTES:
        bytes = isDash(s, from, to) ? 0 : ByteFields.digits(s, from, to);
        return bytes >= 0;
      case DURATION_US:
        return duration(s, from, to, 0);
      case DURATION_MS:
        return duration(s, from, to, 3);
      case DURATION_S:
        return duration(s, from, to, 6);
      case DURATION_NS:
        return duration(s, from, to, -3);
      case REFERRER:
        referrer = text(s, from, to);
        return true;
      case USER_AGENT:
        userAgent = text(s, from, to);
        return true;
      case VHOST:
        vhost = s.substring(from, to);
        return true;
      default:
        return false;
    }
  }

  /**
   * A duration in {@code 10^-exp} seconds; {@code -} means the server had none (nginx writes it
   * when no upstream was asked), which leaves the duration absent.
   */
  private boolean duration(String s, int from, int to, int exp) {
    // The first duration with a value wins: $request_time before $upstream_response_time.
    if (isDash(s, from, to) || durationMicros != LogRecord.NO_DURATION) {
      return true;
    }
    // Scale the number to microseconds: exp is how many decimal places it has to move.
    long v = ByteFields.scaled(s, from, to, exp);
    if (v < 0) {
      return false;
    }
    durationMicros = v;
    return true;
  }

  /**
   * Stores the record as row {@code i} of {@code out} and returns {@link ParsedLines#RECORD}, or
   * returns the code of why there is none.
   */
  byte build(ParsedLines out, int i) {
    if (!hasTime) {
      return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
    }
    if (status < 100 || status > 999) {
      return ParsedLines.code(MalformedReason.BAD_STATUS);
    }
    String m = "";
    String t = "";
    String section;
    if (request != null) {
      int n = request.length();
      int targetEnd = ByteScan.requestTargetEnd(ByteScan.latin1(request, 0, n), 0, n);
      if (targetEnd < 0) {
        section = Sections.ofMalformedRequest(request);
      } else {
        int methodEnd = request.indexOf(' ');
        m = request.substring(0, methodEnd);
        t = request.substring(methodEnd + 1, targetEnd);
        section = Sections.of(t);
      }
    } else {
      String tt = target != null ? target : path != null ? path + (query == null ? "" : query) : "";
      if (method != null && !method.isEmpty() && !tt.isEmpty() && !isDash(tt, 0, tt.length())) {
        m = method;
        t = tt;
        section = Sections.of(t);
      } else {
        section = Sections.ofMalformedRequest(tt.isEmpty() ? "-" : tt);
      }
    }
    out.setRecord(
        i,
        new LogRecord(
            host == null || host.isEmpty() ? DASH : host,
            user == null || user.isEmpty() ? DASH : user,
            epochSecond,
            offsetSeconds,
            m,
            t,
            section,
            m.isEmpty(),
            status,
            bytes,
            referrer,
            userAgent,
            vhost,
            durationMicros));
    return ParsedLines.RECORD;
  }

  private static boolean isDash(String s, int from, int to) {
    return to == from + 1 && s.charAt(from) == '-';
  }

  private static String text(String s, int from, int to) {
    return isDash(s, from, to) ? DASH : s.substring(from, to);
  }
}
