package dev.logmon.present;

import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.LatencySnapshot.SectionLatency;
import dev.logmon.aggregate.LatencySnapshot.Stats;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The plain-text lines for request latency and virtual hosts, shown only when a log has them. */
final class LatencyText {
  private LatencyText() {}

  /** Appends the latency and vhost lines of a report (nothing for a log without either). */
  static void append(StringBuilder b, LatencySnapshot l) {
    if (l.hasLatency()) {
      b.append("  latency    ")
          .append(quantiles(l.frame()))
          .append(" | ")
          .append(quantiles(l.window()))
          .append(" (p50/p95/p99, estimates)\n");
      if (!l.window().sections().isEmpty()) {
        b.append("  by section ").append(sections(l.window().sections())).append('\n');
        b.append("  slowest    ").append(sections(l.window().slowest())).append('\n');
      }
    }
    if (!l.windowVhosts().isEmpty()) {
      b.append("  vhosts     ").append(vhosts(l.windowVhosts())).append('\n');
    }
  }

  private static String quantiles(Stats s) {
    String label = Units.duration(s.seconds());
    if (s.count() == 0) {
      return label + " -";
    }
    return label
        + " "
        + ms(s.p50())
        + "/"
        + ms(s.p95())
        + "/"
        + ms(s.p99())
        + " ms ("
        + s.count()
        + ")";
  }

  private static String sections(List<SectionLatency> list) {
    return list.stream()
        .map(
            x ->
                Sanitizer.clean(x.section())
                    + " "
                    + ms(x.p50())
                    + "/"
                    + ms(x.p95())
                    + "/"
                    + ms(x.p99()))
        .collect(Collectors.joining(", "));
  }

  private static String vhosts(List<Count> list) {
    return list.stream()
        .map(c -> Sanitizer.clean(c.key()) + " " + c.count())
        .collect(Collectors.joining(", "));
  }

  /** Microseconds as milliseconds with one decimal. */
  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
  }
}
