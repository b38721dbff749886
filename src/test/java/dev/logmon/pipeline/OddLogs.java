package dev.logmon.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A generator of awkward access logs for equivalence tests, as bytes: valid Combined and Common
 * lines mixed with vhost prefixes, IPv6 clients, odd request lines, malformed lines, non-ASCII and
 * invalid UTF-8, CRLF endings, over-long lines, out-of-order and late timestamps, long silences and
 * several zone offsets. Deterministic for a seed.
 */
final class OddLogs {
  private static final String[] MON = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final String[] REQUESTS = {
    "GET /api/v1/items HTTP/1.1",
    "POST /cart HTTP/1.1",
    "GET / HTTP/1.0",
    "HEAD /static/a.css HTTP/1.1",
    "GET /search?q=a/b HTTP/1.1",
    "GET /blog#x/y HTTP/1.1",
    "OPTIONS * HTTP/1.0",
    "PRI * HTTP/2.0",
    "CONNECT example.com:443 HTTP/1.1",
    "GET http://h.example/x/y HTTP/1.1",
    "GET http://h.example?x HTTP/1.1",
    "GET https://h.example HTTP/1.1",
    "-",
    "",
    "\\x16\\x03\\x01",
    "get /lower HTTP/1.1",
    "PROPFIND /dav/x HTTP/1.1",
    "GET /a b HTTP/1.1",
    "GET /x HTTP/",
    "GET  /double HTTP/1.1",
    "GET /q\\\"uote/x HTTP/1.1",
    "M-SEARCH * HTTP/1.1",
    "GET weird:target HTTP/1.1",
    "GET :80 HTTP/1.1",
    "GET /caf\u00e9/x HTTP/1.1",
    "GET /\u65e5\u672c/x HTTP/1.1"
  };
  private static final String[] BAD = {
    "garbage line without structure",
    "127.0.0.1 - - [broken date] \"GET / HTTP/1.1\" 200 12",
    "",
    "   ",
    "1.2.3.4 - - [31/Feb/2020:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 2000 1",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 x",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\"",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 junk",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1",
    "bad host! - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1",
    "1.2.3.4 - - [10/Oct/2000:13:55:36 +1900] \"GET / HTTP/1.1\" 200 1"
  };

  private OddLogs() {}

  /**
   * {@code lines} lines from second {@code start} at about {@code rate} lines a second, with {@code
   * sections} distinct sections and {@code hosts} distinct clients at most.
   */
  static byte[] generate(long seed, int lines, long start, double rate, int sections, int hosts) {
    Random r = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t = start;
    for (int i = 0; i < lines; i++) {
      t = start + (long) (i / rate);
      if (r.nextInt(5000) == 0) {
        start += 3600L * (1 + r.nextInt(30)); // a long silence
      }
      long s = t;
      int kind = r.nextInt(100);
      if (kind < 8) {
        s -= r.nextInt(40); // out of order, mostly inside the span
      } else if (kind < 10) {
        s -= 200 + r.nextInt(5000); // late
      }
      String line;
      if (r.nextInt(100) < 6) {
        line = BAD[r.nextInt(BAD.length)];
      } else {
        line = line(r, s, sections, hosts);
        if (r.nextInt(100) < 3) {
          line = line.substring(0, r.nextInt(line.length())); // a cut line
        }
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0 && r.nextInt(200) == 0) {
        bytes = bytes.clone();
        bytes[r.nextInt(bytes.length)] = (byte) 0xFF; // bad UTF-8
      }
      out.writeBytes(bytes);
      if (r.nextInt(300) == 0) {
        out.writeBytes("x".repeat(300 + r.nextInt(2000)).getBytes(StandardCharsets.US_ASCII));
      }
      int end = r.nextInt(100);
      out.writeBytes(
          (end < 5 ? "\r\n" : end < 7 ? "  \n" : "\n").getBytes(StandardCharsets.US_ASCII));
    }
    if (r.nextBoolean()) {
      out.writeBytes(line(r, t, sections, hosts).getBytes(StandardCharsets.UTF_8)); // no newline
    }
    return out.toByteArray();
  }

  private static String line(Random r, long second, int sections, int hosts) {
    int offset = new int[] {0, 0, 0, 3600, -25200, 12600}[r.nextInt(6)];
    java.time.LocalDateTime d =
        java.time.LocalDateTime.ofEpochSecond(
            second, 0, java.time.ZoneOffset.ofTotalSeconds(offset));
    int oh = Math.abs(offset) / 3600;
    int om = Math.abs(offset) % 3600 / 60;
    String ts =
        String.format(
            "%02d/%s/%04d:%02d:%02d:%02d %s%02d%02d",
            d.getDayOfMonth(),
            MON[d.getMonthValue() - 1],
            d.getYear(),
            d.getHour(),
            d.getMinute(),
            d.getSecond(),
            offset < 0 ? "-" : "+",
            oh,
            om);
    int h = (int) Math.min(hosts - 1, Math.abs(r.nextGaussian()) * hosts / 3);
    String host =
        switch (h % 7) {
          case 0 -> "2001:db8::" + Integer.toHexString(h);
          case 1 -> "host-" + h + ".example.net";
          default -> "10." + (h >> 16 & 255) + "." + (h >> 8 & 255) + "." + (h & 255);
        };
    String vhost = r.nextInt(10) == 0 ? "www.example.org:443 " : "";
    String request =
        r.nextInt(3) == 0
            ? REQUESTS[r.nextInt(REQUESTS.length)]
            : new String[] {"GET", "POST", "PUT", "DELETE"}[r.nextInt(4)]
                + " /s"
                + r.nextInt(sections)
                + "/page"
                + r.nextInt(50)
                + " HTTP/1.1";
    int status = new int[] {200, 200, 200, 304, 404, 500, 503, 101, 999, 201}[r.nextInt(10)];
    String size = r.nextInt(5) == 0 ? "-" : Integer.toString(r.nextInt(100_000));
    String user = r.nextInt(10) == 0 ? "frank" : "-";
    String tail = r.nextInt(4) == 0 ? "" : " \"https://ref.example/\" \"Mozilla/5.0 (X11)\"";
    return vhost + host + " - " + user + " [" + ts + "] \"" + request + "\" " + status + " " + size
        + tail;
  }
}
