package dev.logmon.parse.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * A writer of awkward log lines in a given Apache {@code LogFormat} or nginx {@code log_format}
 * string, for equivalence tests: valid values of every kind logmon reads (odd request lines,
 * escaped quotes, {@code -} sizes and durations, upstream lists), mixed with malformed, cut,
 * mutated, non-ASCII and over-long lines, CRLF endings, out-of-order and late times, long silences.
 * Deterministic for a seed.
 */
public final class FormatLines {
  /** Formats that cover each field kind and scan rule. */
  @SuppressWarnings("MutablePublicArray") // test data, indexed by the parameterised tests
  public static final String[] FORMATS = {
    "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D",
    "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\" %T",
    "%v %h %l %u [%{%Y-%m-%dT%H:%M:%S%z}t] \"%m %U%q %H\" %>s %b %{ms}T",
    "%h [%{%d/%b/%Y %T}t] \"%r\" %>s %b %{us}T \"%{User-Agent}i\"",
    "%{msec}t %h \"%r\" %>s %b %D",
    "%t \"%r\" %>s %b %D",
    Preset.NGINX.definition(),
    "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
        + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time $host",
    "$host $remote_addr [$time_iso8601] \"$request_method $request_uri $server_protocol\""
        + " $status $bytes_sent rt=$request_time urt=\"$upstream_response_time\"",
    "$msec $remote_addr \"$request\" $upstream_response_time $status $body_bytes_sent",
    "$remote_addr [$time_local] $request_time $upstream_response_time \"$request\" $status"
        + " $body_bytes_sent",
    "[%{%d/%b/%Y:%T %z}t] %h %>s %b \"%r\" %D",
    "%{usec}t %h \"%r\" %>s %b %{ms}T",
    // A query right after its path, and a port apart from its vhost (a record joins them).
    "$remote_addr [$time_local] \"$request_method $uri?$args\" $status $body_bytes_sent $host"
        + " $server_port",
    // A query apart from its path (a record joins them) and a literal that is not ASCII.
    "%h %t \u00ab%m %U %H\u00bb %>s %b %q",
  };

  /** Whether lines of {@code format} are records: a port or query apart from its vhost or path. */
  public static boolean joinsFields(String format) {
    return format.endsWith(" %q") || format.endsWith(" $server_port");
  }

  private static final String[] REQUESTS = {
    "GET /api/v1/items HTTP/1.1",
    "POST /cart HTTP/1.1",
    "GET / HTTP/1.0",
    "OPTIONS * HTTP/1.0",
    "CONNECT example.com:443 HTTP/1.1",
    "GET http://h.example/x/y HTTP/1.1",
    "-",
    "",
    "\\x16\\x03\\x01",
    "get /lower HTTP/1.1",
    "GET /a b HTTP/1.1",
    "GET /x HTTP/",
    "GET /q\\\"uote/x HTTP/1.1",
    "GET /caf\u00e9/x HTTP/1.1",
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "-", "", "sqlmap/1.7 (\\\"probe\\\")"
  };
  private static final String[] BAD = {
    "garbage line without structure", "", "   ", "- - - - - - -", "\"\"\"", "1.2.3.4"
  };
  // No digits: a mutated year would move the log centuries ahead and make every later line late.
  private static final String MUTATIONS = " \"[]-:,.+aZ\t";
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss xx", Locale.ENGLISH);

  private FormatLines() {}

  /** {@code lines} lines from second {@code start} at about {@code rate} lines a second. */
  public static byte[] log(String format, long seed, int lines, long start, double rate) {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines; i++) {
      long t = start + (long) (i / rate);
      if (r.nextInt(5000) == 0) {
        start += 3600L * (1 + r.nextInt(30)); // a long silence
      }
      int kind = r.nextInt(100);
      long s = kind < 8 ? t - r.nextInt(40) : kind < 10 ? t - 200 - r.nextInt(5000) : t;
      String line = r.nextInt(100) < 3 ? BAD[r.nextInt(BAD.length)] : line(format, r, s);
      int odd = r.nextInt(100);
      if (odd < 3 && !line.isEmpty()) {
        line = line.substring(0, r.nextInt(line.length())); // a cut line
      } else if (odd < 8 && !line.isEmpty()) {
        int at = r.nextInt(line.length());
        char c = MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
        line = line.substring(0, at) + c + line.substring(at + (r.nextBoolean() ? 1 : 0));
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0 && r.nextInt(200) == 0) {
        bytes[r.nextInt(bytes.length)] = (byte) 0xFF; // bad UTF-8
      }
      out.writeBytes(bytes);
      if (r.nextInt(300) == 0) {
        out.writeBytes("x".repeat(300 + r.nextInt(2000)).getBytes(StandardCharsets.US_ASCII));
      }
      int end = r.nextInt(100);
      out.writeBytes((end < 5 ? "\r\n" : end < 7 ? "  \n" : "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** One valid line of {@code format} (Apache if it has a {@code %}) for second {@code s}. */
  public static String line(String format, Random r, long s) {
    boolean apache = format.indexOf('%') >= 0;
    StringBuilder out = new StringBuilder();
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (apache && c == '%') {
        int j = i + 1;
        while ("<>!0123456789,".indexOf(format.charAt(j)) >= 0) {
          j++;
        }
        String arg = null;
        if (format.charAt(j) == '{') {
          int close = format.indexOf('}', j);
          arg = format.substring(j + 1, close);
          j = close + 1;
        }
        out.append(apache(format.charAt(j), arg, r, s));
        i = j;
      } else if (!apache && c == '$') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(format.charAt(j)) || format.charAt(j) == '_')) {
          j++;
        }
        out.append(nginx(format.substring(i + 1, j), r, s));
        i = j - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String apache(char d, String arg, Random r, long s) {
    return switch (d) {
      case 'h' -> host(r);
      case 'l' -> "-";
      case 'u' -> r.nextInt(10) == 0 ? "frank" : "-";
      case 't' -> apacheTime(arg, r, s);
      case 'r' -> request(r);
      case 'm' -> pick(r, "GET", "POST", "", "-", "get");
      case 'U' -> "/s" + r.nextInt(30) + "/p" + r.nextInt(9);
      case 'q' -> pick(r, "", "?a=1", "?x=/y");
      case 'H' -> "HTTP/1.1";
      case 's' -> status(r);
      case 'b', 'O' -> r.nextInt(5) == 0 ? "-" : Integer.toString(r.nextInt(100_000));
      case 'D' -> r.nextInt(40) == 0 ? "-" : Long.toString(micros(r, s));
      case 'T' ->
          arg == null
              ? Long.toString(micros(r, s) / 1_000_000)
              : arg.equals("ms") ? Long.toString(micros(r, s) / 1000) : Long.toString(micros(r, s));
      case 'v' -> vhost(r);
      case 'p' -> pick(r, "443", "80", "8080");
      case 'i' -> arg.equalsIgnoreCase("referer") ? referrer(r) : agent(r);
      default -> throw new IllegalArgumentException("no writer for %" + d);
    };
  }

  private static String nginx(String v, Random r, long s) {
    return switch (v) {
      case "remote_addr" -> host(r);
      case "remote_user" -> r.nextInt(10) == 0 ? "frank" : "-";
      case "time_local" -> clf(r, s);
      case "time_iso8601" -> time(r, s).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      case "msec" -> s + "." + String.format("%03d", r.nextInt(1000));
      case "request" -> request(r);
      case "request_method" -> pick(r, "GET", "POST", "", "-", "PUT");
      case "request_uri" -> pick(r, "/s" + r.nextInt(30) + "/p?q=1", "-", "", "*", "/");
      case "server_protocol" -> "HTTP/2.0";
      case "status" -> status(r);
      case "body_bytes_sent", "bytes_sent" -> Integer.toString(r.nextInt(100_000));
      case "request_time" -> seconds(micros(r, s));
      case "upstream_response_time" ->
          switch (r.nextInt(6)) {
            case 0 -> "-";
            case 1 -> seconds(micros(r, s)) + ", " + seconds(micros(r, s)) + " : 0.001";
            case 2 -> "0.1, -";
            default -> seconds(micros(r, s));
          };
      case "uri" -> "/s" + r.nextInt(30) + "/p" + r.nextInt(9);
      case "args" -> pick(r, "", "a=1", "x=/y");
      case "server_port" -> pick(r, "443", "80");
      case "host" -> vhost(r);
      case "http_referer" -> referrer(r);
      case "http_user_agent" -> agent(r);
      default -> throw new IllegalArgumentException("no writer for $" + v);
    };
  }

  private static String apacheTime(String arg, Random r, long s) {
    if (arg == null) {
      return "[" + clf(r, s) + "]";
    }
    return switch (arg) {
      case "msec" -> s + String.format("%03d", r.nextInt(1000));
      case "usec" -> s + "000000";
      case "sec" -> Long.toString(s);
      case "%Y-%m-%dT%H:%M:%S%z" ->
          time(r, s).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx"));
      case "%d/%b/%Y:%T %z" -> clf(r, s);
      case "%d/%b/%Y %T" ->
          OffsetDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.UTC)
              .format(DateTimeFormatter.ofPattern("dd/MMM/uuuu HH:mm:ss", Locale.ENGLISH));
      default -> throw new IllegalArgumentException("no writer for %{" + arg + "}t");
    };
  }

  /** Durations slow down in some minutes, so that latency alerts rise and recover. */
  private static long micros(Random r, long s) {
    long base = (s / 60) % 4 == 0 ? 400_000 : 20_000;
    return base + r.nextInt((int) base);
  }

  private static String seconds(long micros) {
    return micros / 1_000_000 + "." + String.format("%03d", micros / 1000 % 1000);
  }

  private static OffsetDateTime time(Random r, long s) {
    int offset = new int[] {0, 0, 3600, -25200, 12600}[r.nextInt(5)];
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(s), ZoneOffset.ofTotalSeconds(offset));
  }

  private static String clf(Random r, long s) {
    return time(r, s).format(CLF);
  }

  private static String host(Random r) {
    int h = (int) Math.abs(r.nextGaussian() * 300);
    return switch (h % 7) {
      case 0 -> "2001:db8::" + Integer.toHexString(h);
      case 1 -> "host-" + h + ".example.net";
      default -> "10.0." + (h >> 8 & 255) + "." + (h & 255);
    };
  }

  private static String request(Random r) {
    return r.nextInt(4) == 0
        ? pick(r, REQUESTS)
        : pick(r, "GET", "POST", "PUT") + " /s" + r.nextInt(30) + "/p" + r.nextInt(9) + " HTTP/1.1";
  }

  private static String agent(Random r) {
    return r.nextInt(50) == 0 ? "b\u00e4r/1.0" : pick(r, AGENTS); // now and then not ASCII
  }

  private static String status(Random r) {
    return r.nextInt(20) == 0
        ? pick(r, "099", "20", "2000", "-")
        : pick(r, "200", "304", "404", "500", "999");
  }

  private static String vhost(Random r) {
    return pick(r, "www.example.org", "api.example.org", "static.example.net", "-");
  }

  private static String referrer(Random r) {
    return pick(r, "-", "https://ref.example/", "https://q.example/?a=\\\"b\\\"");
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
