package dev.logmon.present;

import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.alert.AlertEvent;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Human-readable numbers and times for every output. */
public final class Units {
  private Units() {}

  /** Bytes in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** A rate with two decimals. */
  public static String rate(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  /** The snapshot's time, ISO-8601 with the log's offset. */
  public static String time(TrafficSnapshot t) {
    return OffsetDateTime.ofInstant(t.time(), t.offset()).format(AlertEvent.TIME_FORMAT);
  }

  /** A share as a percentage with one decimal. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A length of time as people say it: {@code 2m}, {@code 90s}. */
  public static String duration(int seconds) {
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
