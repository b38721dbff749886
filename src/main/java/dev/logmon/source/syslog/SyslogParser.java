package dev.logmon.source.syslog;

import dev.logmon.source.syslog.SyslogFrame.Message;
import dev.logmon.source.syslog.SyslogFrame.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one syslog frame (RFC 5424, or the BSD format of RFC 3164 as nginx, {@code logger} and
 * rsyslog send it) into its sending host and the line it carries, the access-log line.
 *
 * <p>RFC 5424 is {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]}, each header
 * field checked for its length and characters, structured data read with its escapes, and a UTF-8
 * BOM before the message dropped. Anything else after {@code <PRI>} is read as RFC 3164: an
 * optional timestamp ({@code Mmm dd hh:mm:ss}, or an RFC 3339 one as rsyslog forwards it), then the
 * host, unless the next word is already the tag (nginx's {@code nohostname}); then a tag ending in
 * a colon ({@code nginx:}, {@code apache[42]:}), which is dropped. The syslog timestamp itself is
 * not used: the line carries its own.
 *
 * <p>Total: never throws on any bytes, and does work linear in the frame. Stateless.
 */
public final class SyslogParser {
  private static final byte[][] MONTHS = {
    bytes("Jan"), bytes("Feb"), bytes("Mar"), bytes("Apr"), bytes("May"), bytes("Jun"),
    bytes("Jul"), bytes("Aug"), bytes("Sep"), bytes("Oct"), bytes("Nov"), bytes("Dec")
  };
  private static final int MAX_HOST = 255;
  private static final int MAX_TAG = 48;

  private SyslogParser() {}

  /** Parses the frame {@code b[off, off + len)}. */
  public static SyslogFrame parse(byte[] b, int off, int len) {
    int end = off + len;
    while (end > off && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == 0)) {
      end--; // newline framing and many UDP senders end a message with these
    }
    int p = off;
    if (p >= end || b[p] != '<') {
      return Rejected.of(Rejection.NO_PRIORITY);
    }
    p++;
    int pri = 0;
    int digits = 0;
    while (p < end && digit(b[p]) && digits < 4) {
      pri = pri * 10 + (b[p] - '0');
      p++;
      digits++;
    }
    if (digits == 0) {
      return Rejected.of(Rejection.NO_PRIORITY);
    }
    if (digits > 3 || pri > 191) {
      return Rejected.of(Rejection.BAD_PRIORITY);
    }
    if (p >= end || b[p] != '>') {
      return Rejected.of(Rejection.NO_PRIORITY);
    }
    p++;
    int version = versionEnd(b, p, end);
    return version > 0 ? rfc5424(b, version + 1, end) : rfc3164(b, p, end);
  }

  /** Where an RFC 5424 version (1-3 digits, no leading 0, then a space) ends, or -1. */
  private static int versionEnd(byte[] b, int p, int end) {
    if (p >= end || b[p] < '1' || b[p] > '9') {
      return -1;
    }
    int q = p + 1;
    while (q < end && q - p < 3 && digit(b[q])) {
      q++;
    }
    return q < end && b[q] == ' ' ? q : -1;
  }

  private static SyslogFrame rfc5424(byte[] b, int p, int end) {
    int[] limits = {64, MAX_HOST, 48, 128, 32}; // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
    String host = null;
    for (int field = 0; field < limits.length; field++) {
      int q = p;
      while (q < end && q - p <= limits[field] && printable(b[q])) {
        q++;
      }
      if (q == p || q - p > limits[field] || q >= end || b[q] != ' ') {
        return Rejected.of(Rejection.BAD_HEADER);
      }
      if (field == 1 && !(q - p == 1 && b[p] == '-')) {
        host = host(b, p, q);
      }
      p = q + 1;
    }
    p = structuredDataEnd(b, p, end);
    if (p < 0) {
      return Rejected.of(Rejection.BAD_STRUCTURED_DATA);
    }
    if (p >= end) {
      return Rejected.of(Rejection.EMPTY_MESSAGE);
    }
    if (b[p] != ' ') {
      return Rejected.of(Rejection.BAD_STRUCTURED_DATA);
    }
    p++;
    if (end - p >= 3
        && (b[p] & 0xFF) == 0xEF
        && (b[p + 1] & 0xFF) == 0xBB
        && (b[p + 2] & 0xFF) == 0xBF) {
      p += 3; // the BOM RFC 5424 puts before a UTF-8 message
    }
    return p < end ? new Message(host, p, end) : Rejected.of(Rejection.EMPTY_MESSAGE);
  }

  /** Where RFC 5424 structured data starting at {@code p} ends, or -1 if it is malformed. */
  private static int structuredDataEnd(byte[] b, int p, int end) {
    if (p < end && b[p] == '-') {
      return p + 1;
    }
    if (p >= end || b[p] != '[') {
      return -1;
    }
    while (p < end && b[p] == '[') {
      p = name(b, p + 1, end, 32); // SD-ID
      if (p < 0) {
        return -1;
      }
      while (p < end && b[p] == ' ') {
        p = name(b, p + 1, end, 32); // PARAM-NAME
        if (p < 0 || p + 1 >= end || b[p] != '=' || b[p + 1] != '"') {
          return -1;
        }
        p += 2;
        while (p < end && b[p] != '"') {
          p += b[p] == '\\' ? 2 : 1; // \" \\ \] escaped
        }
        if (p >= end) {
          return -1;
        }
        p++; // the closing quote
      }
      if (p >= end || b[p] != ']') {
        return -1;
      }
      p++;
    }
    return p;
  }

  /** Where an SD-NAME (printable ASCII but {@code = ] " space}) starting at {@code p} ends. */
  private static int name(byte[] b, int p, int end, int max) {
    int q = p;
    while (q < end
        && q - p <= max
        && printable(b[q])
        && b[q] != '='
        && b[q] != ']'
        && b[q] != '"') {
      q++;
    }
    return q == p || q - p > max ? -1 : q;
  }

  private static SyslogFrame rfc3164(byte[] b, int p, int end) {
    String host = null;
    int afterTime = timestampEnd(b, p, end);
    if (afterTime >= 0) {
      p = afterTime;
      int q = p;
      boolean plain = true;
      while (q < end && b[q] != ' ') {
        plain &= printable(b[q]) && b[q] != '[';
        q++;
      }
      // The word after the time is the host, unless it is the tag already (no host sent).
      if (q < end && q > p && q - p <= MAX_HOST && plain && b[q - 1] != ':') {
        host = host(b, p, q);
        p = q + 1;
      }
    }
    p = afterTag(b, p, end);
    return p < end ? new Message(host, p, end) : Rejected.of(Rejection.EMPTY_MESSAGE);
  }

  /** Where an RFC 3164 or RFC 3339 timestamp and its space end, or -1 if none starts at p. */
  private static int timestampEnd(byte[] b, int p, int end) {
    if (end - p >= 16 && month(b, p) && b[p + 3] == ' ') {
      int q = p + 4;
      boolean day = (b[q] == ' ' || digit(b[q])) && digit(b[q + 1]) && b[q + 2] == ' ';
      q += 3;
      boolean time =
          digit(b[q])
              && digit(b[q + 1])
              && b[q + 2] == ':'
              && digit(b[q + 3])
              && digit(b[q + 4])
              && b[q + 5] == ':'
              && digit(b[q + 6])
              && digit(b[q + 7]);
      if (!day || !time) {
        return -1;
      }
      q += 8;
      if (q < end && b[q] == '.') {
        q++;
        while (q < end && digit(b[q])) {
          q++;
        }
      }
      return q < end && b[q] == ' ' ? q + 1 : -1;
    }
    if (end - p >= 11
        && digit(b[p])
        && digit(b[p + 1])
        && digit(b[p + 2])
        && digit(b[p + 3])
        && b[p + 4] == '-') {
      int q = p;
      while (q < end && q - p <= 40 && printable(b[q])) {
        q++;
      }
      return q < end && b[q] == ' ' ? q + 1 : -1;
    }
    return -1;
  }

  /** After a tag such as {@code nginx:} or {@code apache[42]:} and one space, or {@code p}. */
  private static int afterTag(byte[] b, int p, int end) {
    int q = p;
    while (q < end && q - p <= MAX_TAG && tagChar(b[q])) {
      q++;
    }
    if (q == p || q - p > MAX_TAG) {
      return p;
    }
    if (q < end && b[q] == '[') {
      int open = q;
      while (q < end && q - open <= 32 && b[q] != ']' && b[q] != ' ') {
        q++;
      }
      if (q >= end || b[q] != ']') {
        return p;
      }
      q++;
    }
    if (q >= end || b[q] != ':') {
      return p;
    }
    q++;
    return q < end && b[q] == ' ' ? q + 1 : q;
  }

  private static boolean month(byte[] b, int p) {
    for (byte[] m : MONTHS) {
      if (b[p] == m[0] && b[p + 1] == m[1] && b[p + 2] == m[2]) {
        return true;
      }
    }
    return false;
  }

  private static String host(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** PRINTUSASCII of RFC 5424: a visible ASCII character. */
  private static boolean printable(byte c) {
    return c >= 33 && c <= 126;
  }

  private static boolean tagChar(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || digit(c)
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '/';
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
