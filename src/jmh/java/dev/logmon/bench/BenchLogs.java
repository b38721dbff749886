package dev.logmon.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Combined Log Format lines shaped like ../shared/bench/gen_log.py's, for benchmarks. */
public final class BenchLogs {
  private static final String[] SECTIONS = {
    "/api",
    "/static",
    "/images",
    "/blog",
    "/user",
    "/search",
    "/cart",
    "/checkout",
    "/admin",
    "/docs",
    "/assets",
    "/login",
    "/news",
    "/help"
  };
  private static final String[] LEAVES = {
    "index.html", "list", "42", "create", "edit", "style.css", "app.js", "logo.png", "v1/items"
  };
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "PUT", "HEAD"};
  private static final int[] STATUS = {200, 200, 200, 200, 200, 304, 301, 404, 403, 500, 503};
  private static final String[] MON = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private BenchLogs() {}

  /** {@code lines} lines at {@code rate} lines per second of log time from 2023-11-14T22:13:20Z. */
  public static byte[] generate(int lines, int rate, int clients) {
    Random r = new Random(1);
    StringBuilder b = new StringBuilder(lines * 180);
    for (int i = 0; i < lines; i++) {
      long s = 1_700_000_000L + i / rate;
      java.time.LocalDateTime t =
          java.time.LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC);
      int c = (int) Math.min(clients - 1, Math.abs(r.nextGaussian()) * clients / 4);
      b.append(c >> 16 & 255)
          .append('.')
          .append(c >> 8 & 255)
          .append('.')
          .append(c & 255)
          .append(".7 - - [");
      b.append(
          String.format(
              "%02d/%s/%04d:%02d:%02d:%02d +0000",
              t.getDayOfMonth(),
              MON[t.getMonthValue() - 1],
              t.getYear(),
              t.getHour(),
              t.getMinute(),
              t.getSecond()));
      b.append("] \"")
          .append(METHODS[r.nextInt(METHODS.length)])
          .append(' ')
          .append(SECTIONS[Math.min(SECTIONS.length - 1, (int) Math.abs(r.nextGaussian() * 4))])
          .append('/')
          .append(LEAVES[r.nextInt(LEAVES.length)])
          .append(" HTTP/1.1\" ")
          .append(STATUS[r.nextInt(STATUS.length)])
          .append(' ')
          .append(r.nextInt(50_000))
          .append(" \"-\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0\"\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
