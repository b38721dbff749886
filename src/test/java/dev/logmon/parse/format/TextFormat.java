package dev.logmon.parse.format;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LineProbe;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.ParsedLines;
import java.util.List;

/**
 * The test oracle of {@link ByteFormat}: a format string's fields read from a line decoded as text,
 * one simple left-to-right scan over a {@code String}, built from the same {@link Tokens}.
 *
 * <p>It was the product's parser of these formats before the byte scanner became the only one; it
 * stays here so that {@code ByteFormatProperties} and {@code FormatFastPathEquivalenceTest} have an
 * independent reading to compare with. Stateless.
 */
public final class TextFormat implements LineParser {
  private final String format;
  private final String[] before;
  private final FieldKind[] kinds;
  private final Strftime[] times;
  private final String[] after;
  private final boolean[] quoted;
  private final int[] skip;
  private final String tail;

  private TextFormat(String format, Tokens tokens) {
    this.format = format;
    List<Tokens.Field> fields = tokens.fields();
    tail = tokens.tail();
    int n = fields.size();
    before = new String[n];
    kinds = new FieldKind[n];
    times = new Strftime[n];
    after = new String[n];
    quoted = new boolean[n];
    skip = new int[n];
    for (int i = 0; i < n; i++) {
      Tokens.Field f = fields.get(i);
      before[i] = f.before();
      kinds[i] = f.kind();
      times[i] = f.time();
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
  }

  /** The oracle of an Apache {@code LogFormat} string. */
  public static TextFormat apache(String format) {
    return new TextFormat(format, ApacheFormat.tokens(format));
  }

  /** The oracle of an nginx {@code log_format} string. */
  public static TextFormat nginx(String format) {
    return new TextFormat(format, NginxFormat.tokens(format));
  }

  /** The oracle of a format string, Apache if its first directive is a {@code %}. */
  public static TextFormat of(String format) {
    int percent = format.indexOf('%');
    int dollar = format.indexOf('$');
    return percent >= 0 && (dollar < 0 || percent < dollar) ? apache(format) : nginx(format);
  }

  @Override
  public ParseResult parse(String line) {
    if (line == null) {
      return new ParseResult.Malformed(MalformedReason.EMPTY);
    }
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      return new ParseResult.Malformed(MalformedReason.EMPTY);
    }
    RecordBuilder b = new RecordBuilder();
    String port = null;
    int path = -1;
    int pathField = -1;
    int pathEnd = -1;
    int queryEnd = -1;
    int queryField = -1;
    String query = null;
    int p = 0;
    for (int i = 0; i < kinds.length; i++) {
      String lit = before[i];
      if (p + lit.length() > end || !line.startsWith(lit, p)) {
        return new ParseResult.Malformed(
            i == 0 ? MalformedReason.FORMAT_MISMATCH : kinds[i].reason);
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
        return new ParseResult.Malformed(kinds[i].reason);
      }
      boolean ok =
          switch (kinds[i]) {
            case TIME_STRFTIME -> strftime(times[i].toString(), line, p, e, b);
            case TIME_CLF -> Times.clf(line, p, e, b);
            case TIME_CLF_BRACKETED ->
                e - p == Times.CLF_LENGTH + 2
                    && line.charAt(p) == '['
                    && line.charAt(e - 1) == ']'
                    && Times.clf(line, p + 1, e - 1, b);
            case TIME_ISO -> Times.iso(line, p, e, b);
            case TIME_EPOCH_S -> Times.epoch(line, p, e, 1, b);
            case TIME_EPOCH_MS -> Times.epoch(line, p, e, 1_000, b);
            case TIME_EPOCH_US -> Times.epoch(line, p, e, 1_000_000, b);
            case DURATION_S_LIST -> durationList(line, p, e, b);
            case PORT -> {
              port = line.substring(p, e);
              yield true;
            }
            case PATH -> {
              path = p;
              pathField = i;
              pathEnd = e;
              yield b.set(kinds[i], line, p, e);
            }
            case QUERY -> {
              query = line.substring(p, e);
              queryField = i;
              queryEnd = e;
              yield true;
            }
            default -> b.set(kinds[i], line, p, e);
          };
      if (!ok) {
        return new ParseResult.Malformed(kinds[i].reason);
      }
      p = e;
    }
    if (!line.startsWith(tail, p) || p + tail.length() != end) {
      return new ParseResult.Malformed(MalformedReason.TRAILING_GARBAGE);
    }
    if (b.vhost != null && port != null) {
      b.vhost = b.vhost + ":" + port;
    }
    // A query right after its path is read with what lies between ($uri?$args); one written
    // apart from it is joined to it, the section staying the path's.
    String section = null;
    if (query != null && pathField >= 0 && b.target == null) {
      if (queryField == pathField + 1) {
        b.path = line.substring(path, queryEnd);
      } else if (pathEnd > path && !(pathEnd == path + 1 && line.charAt(path) == '-')) {
        // Joined to a path that is one ("-" or nothing is no request, whatever the query).
        b.path = b.path + query;
        section = dev.logmon.parse.TextSections.of(line.substring(path, pathEnd));
      }
    }
    // The builder stores its record in a row: a probe's scratch row holds it.
    LineProbe probe = new LineProbe();
    byte outcome = probe.parse((bytes, from, to, out, i) -> b.build(out, i), new byte[0], 0, 0);
    if (outcome != ParsedLines.RECORD) {
      return new ParseResult.Malformed(ParsedLines.reason(outcome));
    }
    LogRecord record = probe.row().record(0);
    if (section != null && !record.requestMalformed()) {
      return new ParseResult.Parsed(record.withSection(section));
    }
    return new ParseResult.Parsed(record);
  }

  /** A strftime pattern read from text: {@code %Y %m %d %e %H %M %S %z %b %h %T %F %%}. */
  private static boolean strftime(String pattern, String s, int from, int to, RecordBuilder b) {
    String expanded = pattern.replace("%T", "%H:%M:%S").replace("%F", "%Y-%m-%d");
    int year = 1970;
    int month = 1;
    int day = 1;
    int secondOfDay = 0;
    int offset = 0;
    int p = from;
    for (int i = 0; i < expanded.length(); i++) {
      char c = expanded.charAt(i);
      char k = c == '%' ? expanded.charAt(++i) : '\0';
      if (k == '%') {
        k = '\0';
        c = '%';
      }
      int width = k == 'Y' ? 4 : k == 'z' ? 5 : k == 'b' || k == 'h' ? 3 : k == '\0' ? 1 : 2;
      if (p + width > to) {
        return false;
      }
      switch (k) {
        case '\0' -> {
          if (s.charAt(p) != c) {
            return false;
          }
        }
        case 'Y' -> year = Times.digits(s, p, 4);
        case 'm' -> month = Times.digits(s, p, 2);
        case 'd' -> day = Times.digits(s, p, 2);
        case 'e' -> day = s.charAt(p) == ' ' ? Times.digits(s, p + 1, 1) : Times.digits(s, p, 2);
        case 'b', 'h' -> month = Times.month(s, p);
        case 'H', 'M', 'S' -> {
          int v = Times.digits(s, p, 2);
          if (v < 0 || v > (k == 'H' ? 23 : k == 'M' ? 59 : 60)) {
            return false;
          }
          secondOfDay += k == 'H' ? v * 3600 : k == 'M' ? v * 60 : Math.min(v, 59); // leap second
        }
        default -> {
          RecordBuilder z = new RecordBuilder();
          if (!Times.offset(z, s, p, false)) {
            return false;
          }
          offset = z.offsetSeconds;
        }
      }
      p += width;
    }
    if (p != to || !Times.local(b, year, month, day, secondOfDay)) {
      return false;
    }
    b.offsetSeconds = offset;
    b.epochSecond -= offset;
    return true;
  }

  /** {@code $upstream_response_time}: {@code 0.010, 0.002 : 0.001}, the attempts added up. */
  private static boolean durationList(String s, int from, int to, RecordBuilder b) {
    long sum = 0;
    boolean any = false;
    int i = from;
    while (i < to) {
      int j = i;
      while (j < to && s.charAt(j) != ',' && s.charAt(j) != ':' && s.charAt(j) != ' ') {
        j++;
      }
      if (j > i && !(j == i + 1 && s.charAt(i) == '-')) {
        long v = ByteFields.scaled(s, i, j, 6);
        if (v < 0) {
          return false;
        }
        sum += v;
        if (sum < 0) {
          return false; // attempts adding up past a long's range are no duration
        }
        any = true;
      }
      i = j + 1;
    }
    if (any && b.durationMicros == dev.logmon.parse.LogRecord.NO_DURATION) {
      b.durationMicros = sum;
    }
    return true;
  }

  /** The start of the {@code skip + 1}-th occurrence of {@code lit} in {@code [from, end)}. */
  private static int find(String s, String lit, int from, int end, int skip) {
    int at = from;
    for (int n = 0; n <= skip; n++) {
      at = s.indexOf(lit, at);
      if (at < 0 || at + lit.length() > end) {
        return -1;
      }
      if (n < skip) {
        at += lit.length();
      }
    }
    return at;
  }

  /** Where a list such as {@code 0.010, 0.002 : 0.001} ends: separators' literals are skipped. */
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
