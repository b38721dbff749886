package dev.logmon.present.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Combined Log Format lines for the web tests. */
final class LogLines {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private LogLines() {}

  /** One line at {@code second} for {@code path}, with the given status, user and agent. */
  static String line(long second, String host, String user, String path, int status, String agent) {
    return host
        + " - "
        + user
        + " ["
        + CLF.format(Instant.ofEpochSecond(second))
        + "] \"GET "
        + path
        + " HTTP/1.1\" "
        + status
        + " 100 \"-\" \""
        + agent
        + "\"";
  }

  /** {@code count} plain lines at {@code second} for {@code path}, 200, 100 bytes each. */
  static List<String> hits(long second, String path, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(line(second, "10.0.0." + (i % 3 + 1), "-", path, 200, "test"));
    }
    return out;
  }
}
