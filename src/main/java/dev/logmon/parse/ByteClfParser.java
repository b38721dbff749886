package dev.logmon.parse;

/**
 * The parser of Apache/nginx Common and Combined Log Format lines, with or without a leading
 * virtual-host field, recognised line by line, read straight from bytes into one row of {@link
 * ParsedLines} with no String, regex or allocation per line.
 *
 * <p>Grammar (SP is one space; the line may end in spaces and a {@code \r}, which are ignored):
 *
 * <pre>
 * line     = [vhost SP] host SP ident SP user SP "[" dd/Mon/yyyy:HH:mm:ss SP (+|-)hhmm "]"
 *            SP quoted(request) SP status SP size [SP quoted(referrer) SP quoted(agent) [SP extra]]
 * quoted   = '"' *( any byte but '"' and '\' | '\' any byte ) '"'
 * request  = METHOD SP target SP "HTTP/" 1*byte   (else still a hit, flagged requestMalformed)
 * status   = 3 digits, 100..999;  size = 1*digit | "-"
 * </pre>
 *
 * <p>The vhost ({@code %v:%p} of Debian's vhost_combined) is told apart by shape: the timestamp's
 * '[' follows the fourth token instead of the third. That works for IPv6 clients such as {@code
 * ::1}, whose colons would fool a test for {@code host:port}. Anything after the user agent
 * (nginx's {@code "$http_x_forwarded_for"}, {@code $request_time}) is ignored. Every delimiter is
 * ASCII, so a UTF-8 line reads as its decoded text would (a test oracle in src/test, {@code
 * ClfParser}, reads the text; {@code ChunkParserProperties} compares them). Stateless and
 * thread-safe.
 */
final class ByteClfParser implements RowParser {
  static final ByteClfParser INSTANCE = new ByteClfParser();

  /** The field its timestamp is remembered as in a chunk; format parsers number theirs from 0. */
  private static final int TIME_FIELD = -1;

  /**
   * The characters of a client (an IPv4 or IPv6 address or a DNS name, with an IPv6 zone id or the
   * brackets some proxies log), as a table: this runs on every byte.
   */
  private static final boolean[] HOST_CHARS = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      HOST_CHARS[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ".:-_%[]".indexOf(c) >= 0;
    }
  }

  private ByteClfParser() {}

  @Override
  public byte parse(byte[] b, int from, int to, ParsedLines out, int i) {
    int end = to;
    while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\r')) {
      end--;
    }
    if (end == from) {
      return ParsedLines.code(MalformedReason.EMPTY);
    }
    int a = nextSpace(b, from, end);
    int bb = nextSpace(b, a + 1, end);
    int c = nextSpace(b, bb + 1, end);
    if (c + 1 >= end) {
      return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
    }
    int hostStart = from;
    int hostEnd = a;
    int vhostEnd = -1;
    int ts = c + 1;
    if (b[ts] != '[') {
      int d = nextSpace(b, c + 1, end);
      if (d + 1 >= end || b[d + 1] != '[' || d == c + 1) {
        return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
      }
      // A vhost_combined prefix: the first token is the vhost, the client comes after it.
      vhostEnd = a;
      hostStart = a + 1;
      hostEnd = bb;
      ts = d + 1;
    }
    if (a == from || bb == a + 1 || c == bb + 1 || !isHost(b, hostStart, hostEnd)) {
      return ParsedLines.code(MalformedReason.BAD_HOST);
    }
    if (ts + ByteTimestamp.LENGTH > end) {
      return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
    }
    // Consecutive lines mostly share a second: reuse the previous line's checked result.
    if (!out.timeAsBefore(i, TIME_FIELD, ts, ByteTimestamp.LENGTH)) {
      long local = ByteTimestamp.localEpochSecond(b, ts);
      int offset = ByteTimestamp.offset(b, ts + 22, false);
      if (local == ByteTimestamp.INVALID || offset == ByteTimestamp.NO_OFFSET) {
        return ParsedLines.code(MalformedReason.BAD_TIMESTAMP);
      }
      out.time(i, local - offset, offset);
      out.rememberTime(i, TIME_FIELD, ts, ByteTimestamp.LENGTH);
    }
    int p = ts + ByteTimestamp.LENGTH;
    if (p + 1 >= end || b[p] != ' ' || b[p + 1] != '"') {
      return ParsedLines.code(MalformedReason.BAD_REQUEST_FIELD);
    }
    int requestStart = p + 2;
    int requestEnd = ByteScan.closingQuote(b, requestStart, end);
    if (requestEnd < 0) {
      return ParsedLines.code(MalformedReason.BAD_REQUEST_FIELD);
    }
    p = requestEnd + 1;
    if (p < end && b[p] != ' ') {
      return ParsedLines.code(MalformedReason.BAD_REQUEST_FIELD);
    }
    int status = p + 4 <= end ? threeDigitStatus(b, p + 1) : -1;
    if (status < 0 || (p + 4 < end && b[p + 4] != ' ')) {
      return ParsedLines.code(MalformedReason.BAD_STATUS);
    }
    p += 5;
    if (p >= end) {
      return ParsedLines.code(MalformedReason.BAD_SIZE);
    }
    long bytes = 0;
    if (b[p] == '-') {
      p++;
    } else {
      int digitsStart = p;
      for (; p < end; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        // Eighteen digits never overflow a long; only then is the (costly) division needed.
        if (p - digitsStart >= 18 && bytes > (Long.MAX_VALUE - digit) / 10) {
          return ParsedLines.code(MalformedReason.BAD_SIZE);
        }
        bytes = bytes * 10 + digit;
      }
      if (p == digitsStart) {
        return ParsedLines.code(MalformedReason.BAD_SIZE);
      }
    }
    if (p < end && b[p] != ' ') {
      return ParsedLines.code(MalformedReason.BAD_SIZE);
    }
    int refEnd = -1;
    int agentEnd = -1;
    if (p < end) {
      if (b[p + 1] != '"') {
        return ParsedLines.code(MalformedReason.TRAILING_GARBAGE);
      }
      refEnd = ByteScan.closingQuote(b, p + 2, end);
      if (refEnd < 0 || refEnd + 2 >= end || b[refEnd + 1] != ' ' || b[refEnd + 2] != '"') {
        return ParsedLines.code(MalformedReason.BAD_HEADER_FIELD);
      }
      agentEnd = ByteScan.closingQuote(b, refEnd + 3, end);
      if (agentEnd < 0) {
        return ParsedLines.code(MalformedReason.BAD_HEADER_FIELD);
      }
      if (agentEnd + 1 < end && b[agentEnd + 1] != ' ') {
        return ParsedLines.code(MalformedReason.TRAILING_GARBAGE);
      }
    }
    out.request(i, requestStart, requestEnd);
    out.hit(i, status, bytes, LogRecord.NO_DURATION);
    if (refEnd >= 0) {
      out.referrer(i, p + 2, refEnd);
      out.agent(i, refEnd + 3, agentEnd);
    }
    out.host(i, hostStart, hostEnd);
    if (vhostEnd >= 0) {
      out.vhost(i, from, vhostEnd);
    }
    return ParsedLines.OK;
  }

  private static int nextSpace(byte[] b, int from, int end) {
    return from >= end ? Math.max(from, end) : ByteScan.nextSpace(b, from, end);
  }

  private static int threeDigitStatus(byte[] b, int at) {
    int d0 = b[at] - '0';
    int d1 = b[at + 1] - '0';
    int d2 = b[at + 2] - '0';
    if (d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
      return -1;
    }
    return d0 * 100 + d1 * 10 + d2;
  }

  private static boolean isHost(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0 || !HOST_CHARS[b[i]]) {
        return false;
      }
    }
    return true;
  }
}
