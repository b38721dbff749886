package dev.logmon.parse;

/**
 * A parser for Apache/nginx Common and Combined Log Format lines, with or without a leading
 * virtual-host field, recognised line by line.
 *
 * <p>Grammar (SP is one space; the line may end in spaces and a {@code \r}, which are ignored):
 *
 * <pre>
 * line     = [vhost SP] host SP ident SP user SP "[" dd/Mon/yyyy:HH:mm:ss SP (+|-)hhmm "]"
 *            SP quoted(request) SP status SP size [SP quoted(referrer) SP quoted(agent) [SP extra]]
 * quoted   = '"' *( any char but '"' and '\' | '\' any char ) '"'
 * request  = METHOD SP target SP "HTTP/" 1*char   (else still a hit, flagged requestMalformed)
 * status   = 3 digits, 100..999;  size = 1*digit | "-"
 * </pre>
 *
 * <p>The vhost ({@code %v:%p} of Debian's vhost_combined) is told apart by shape: the timestamp's
 * '[' follows the fourth token instead of the third. That works for IPv6 clients such as {@code
 * ::1}, whose colons would fool a test for {@code host:port}. Anything after the user agent
 * (nginx's {@code "$http_x_forwarded_for"}, {@code $request_time}) is ignored. Quoted fields keep
 * their escapes ({@code \"}, {@code \\}, {@code \xHH}) as logged.
 *
 * <p>One pass of index scanning, no regex, split or {@code DateTimeFormatter}; the strings in a
 * record are substrings of the line or shared constants. Total: never throws, whatever the input.
 * Stateless, so one instance may be shared by any number of threads.
 */
public final class ClfParser implements LineParser {
  private static final String DASH = "-";
  private static final int HTTP_PREFIX_LENGTH = "HTTP/".length();

  @Override
  public ParseResult parse(String line) {
    if (line == null) {
      return Failures.EMPTY;
    }
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      return Failures.EMPTY;
    }

    // host ident user [ts  or  vhost host ident user [ts
    int a = nextSpace(line, 0, end);
    int b = nextSpace(line, a + 1, end);
    int c = nextSpace(line, b + 1, end);
    if (c + 1 >= end) {
      return Failures.BAD_TIMESTAMP;
    }
    String vhost = null;
    int hostStart = 0;
    int hostEnd = a;
    int userStart = b + 1;
    int userEnd = c;
    int ts = c + 1;
    if (line.charAt(ts) != '[') {
      int d = nextSpace(line, c + 1, end);
      if (d + 1 >= end || line.charAt(d + 1) != '[' || d == c + 1) {
        return Failures.BAD_TIMESTAMP;
      }
      vhost = line.substring(0, a);
      hostStart = a + 1;
      hostEnd = b;
      userStart = c + 1;
      userEnd = d;
      ts = d + 1;
    }
    if (a == 0 || b == a + 1 || c == b + 1 || !isHost(line, hostStart, hostEnd)) {
      return Failures.BAD_HOST;
    }

    if (ts + ClfTimestamp.LENGTH > end) {
      return Failures.BAD_TIMESTAMP;
    }
    long local = ClfTimestamp.localEpochSecond(line, ts);
    long offset = ClfTimestamp.offsetSeconds(line, ts);
    if (local == ClfTimestamp.INVALID || offset == ClfTimestamp.INVALID) {
      return Failures.BAD_TIMESTAMP;
    }

    int p = ts + ClfTimestamp.LENGTH;
    if (p + 1 >= end || line.charAt(p) != ' ' || line.charAt(p + 1) != '"') {
      return Failures.BAD_REQUEST_FIELD;
    }
    int requestStart = p + 2;
    int requestEnd = closingQuote(line, requestStart, end);
    if (requestEnd < 0) {
      return Failures.BAD_REQUEST_FIELD;
    }
    p = requestEnd + 1;
    if (p < end && line.charAt(p) != ' ') {
      return Failures.BAD_REQUEST_FIELD;
    }

    // status: exactly three digits, then the size field
    int status = p + 4 <= end ? threeDigitStatus(line, p + 1) : -1;
    if (status < 0 || (p + 4 < end && line.charAt(p + 4) != ' ')) {
      return Failures.BAD_STATUS;
    }
    p += 5;
    if (p >= end) {
      return Failures.BAD_SIZE;
    }
    long bytes = 0;
    if (line.charAt(p) == '-') {
      p++;
    } else {
      int digitsStart = p;
      for (; p < end; p++) {
        int digit = line.charAt(p) - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        // Eighteen digits never overflow a long; only then is the (costly) division needed.
        if (p - digitsStart >= 18 && bytes > (Long.MAX_VALUE - digit) / 10) {
          return Failures.BAD_SIZE;
        }
        bytes = bytes * 10 + digit;
      }
      if (p == digitsStart) {
        return Failures.BAD_SIZE;
      }
    }
    if (p < end && line.charAt(p) != ' ') {
      return Failures.BAD_SIZE;
    }

    String referrer = null;
    String userAgent = null;
    if (p < end) {
      if (line.charAt(p + 1) != '"') {
        return Failures.TRAILING_GARBAGE;
      }
      int refStart = p + 2;
      int refEnd = closingQuote(line, refStart, end);
      if (refEnd < 0 || refEnd + 2 >= end) {
        return Failures.BAD_HEADER_FIELD;
      }
      if (line.charAt(refEnd + 1) != ' ' || line.charAt(refEnd + 2) != '"') {
        return Failures.BAD_HEADER_FIELD;
      }
      int agentStart = refEnd + 3;
      int agentEnd = closingQuote(line, agentStart, end);
      if (agentEnd < 0) {
        return Failures.BAD_HEADER_FIELD;
      }
      // Extra fields after the agent (nginx variants) are ignored, but must be separate fields.
      if (agentEnd + 1 < end && line.charAt(agentEnd + 1) != ' ') {
        return Failures.TRAILING_GARBAGE;
      }
      referrer = token(line, refStart, refEnd);
      userAgent = token(line, agentStart, agentEnd);
    }

    String method = "";
    String target = "";
    String section;
    int targetEnd = requestTargetEnd(line, requestStart, requestEnd);
    if (targetEnd < 0) {
      section = TextSections.ofMalformedRequest(line, requestStart, requestEnd);
    } else {
      int methodEnd = line.indexOf(' ', requestStart);
      method = Methods.name(line, requestStart, methodEnd);
      target = line.substring(methodEnd + 1, targetEnd);
      section = TextSections.of(target);
    }
    LogRecord record =
        new LogRecord(
            line.substring(hostStart, hostEnd),
            token(line, userStart, userEnd),
            local - offset,
            (int) offset,
            method,
            target,
            section,
            targetEnd < 0,
            status,
            bytes,
            referrer,
            userAgent,
            vhost,
            LogRecord.NO_DURATION);
    return new ParseResult.Parsed(record);
  }

  /** Index of the first space in {@code [from, end)}, or {@code end}. */
  private static int nextSpace(String s, int from, int end) {
    for (int i = from; i < end; i++) {
      if (s.charAt(i) == ' ') {
        return i;
      }
    }
    return Math.max(from, end);
  }

  /**
   * Index of the '"' that closes a field whose text starts at {@code from}, skipping {@code \"} and
   * {@code \\} as Apache and nginx escape them; -1 if the field is unterminated.
   */
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

  /**
   * For a request line {@code METHOD SP target SP HTTP/...} in {@code [from, to)}, the index of the
   * space after the target; -1 if the request line has any other shape.
   */
  private static int requestTargetEnd(String s, int from, int to) {
    int methodEnd = from;
    while (methodEnd < to && isMethodChar(s.charAt(methodEnd))) {
      methodEnd++;
    }
    if (methodEnd == from || methodEnd >= to || s.charAt(methodEnd) != ' ') {
      return -1;
    }
    int targetEnd = methodEnd + 1;
    while (targetEnd < to && s.charAt(targetEnd) != ' ') {
      targetEnd++;
    }
    int protocol = targetEnd + 1;
    if (targetEnd == methodEnd + 1
        || protocol + HTTP_PREFIX_LENGTH >= to
        || !s.startsWith("HTTP/", protocol)) {
      return -1;
    }
    for (int i = protocol + HTTP_PREFIX_LENGTH; i < to; i++) {
      if (s.charAt(i) == ' ') {
        return -1;
      }
    }
    return targetEnd;
  }

  private static boolean isMethodChar(char c) {
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  }

  /** The status at {@code at}, 100..999, or -1. */
  private static int threeDigitStatus(String s, int at) {
    int d0 = s.charAt(at) - '0';
    int d1 = s.charAt(at + 1) - '0';
    int d2 = s.charAt(at + 2) - '0';
    if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
      return -1;
    }
    return d0 * 100 + d1 * 10 + d2;
  }

  /** Whether {@code [from, to)} looks like an IPv4 or IPv6 address or a DNS name. */
  private static boolean isHost(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == ':'
              || c == '-'
              || c == '_'
              // IPv6 zone id (fe80::1%eth0) and the bracketed form some proxies log.
              || c == '%'
              || c == '['
              || c == ']';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The substring, sharing the constant for the very common {@code -}. */
  private static String token(String s, int from, int to) {
    return to == from + 1 && s.charAt(from) == '-' ? DASH : s.substring(from, to);
  }
}
