package dev.logmon.present;

import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertState;
import dev.logmon.source.SourceStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Human-readable line output: a block of text per report, one line per alert, a final summary.
 * Everything taken from the log goes through {@link Sanitizer}.
 */
public final class PlainPresenter implements Presenter {
  private static final int KEY_WIDTH = 40;
  private final PrintStream out;

  public PlainPresenter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void report(MonitorView view) {
    TrafficSnapshot t = view.traffic();
    WindowStats r = t.report();
    StringBuilder b = new StringBuilder();
    b.append(Units.time(t))
        .append("  last ")
        .append(r.seconds())
        .append("s: ")
        .append(r.hits())
        .append(" hits, ")
        .append(Units.rate(r.rate()))
        .append("/s | 10s ")
        .append(Units.rate(t.frame().rate()))
        .append("/s | ")
        .append(Units.duration(view.windowSeconds()))
        .append(' ')
        .append(Units.rate(t.window().rate()))
        .append("/s | lifetime ")
        .append(Units.rate(t.lifetime().rate()))
        .append("/s")
        .append(view.alert().active() ? " | ALERT" : "")
        .append('\n');
    if (r.hits() > 0) {
      window(b, r); // a quiet interval is the header and the line counts only
      LatencyText.append(b, view.latency());
    }
    b.append("  lines      malformed requests ")
        .append(r.malformedRequests())
        .append("; lifetime: ")
        .append(lineCounts(t.lifetime()))
        .append('\n');
    for (SourceView s : view.sources()) {
      // Only a source with something to tell: a report stays short while all is well.
      if (notable(s)) {
        source(b, s);
      }
    }
    out.print(b);
    out.flush();
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {
    out.println(event.message());
    out.flush();
  }

  @Override
  public void summary(MonitorView view) {
    TrafficSnapshot t = view.traffic();
    LifetimeTotals l = t.lifetime();
    StringBuilder b = new StringBuilder();
    b.append("Summary at ")
        .append(Units.time(t))
        .append(": ")
        .append(l.hits())
        .append(" hits, ")
        .append(Units.rate(l.rate()))
        .append("/s lifetime, ")
        .append(Units.bytes(l.bytes()))
        .append('\n');
    b.append("  sections   ").append(sections(l.topSections())).append('\n');
    b.append("  status     ").append(statuses(l.statusClasses())).append('\n');
    b.append("  top bytes  ").append(hosts(l.topHosts())).append('\n');
    b.append("  methods    ").append(BreakdownText.counts(l.methods(), KEY_WIDTH)).append('\n');
    b.append("  lines      ")
        .append(l.hits() + l.malformedTotal() + l.filteredTotal())
        .append(" read: ")
        .append(lineCounts(l))
        .append(", malformed requests ")
        .append(l.malformedRequests())
        .append('\n');
    BreakdownText.append(b, view.breakdowns());
    for (SourceView s : view.sources()) {
      source(b, s);
    }
    AlertState a = view.alert();
    b.append("  alerts     ")
        .append(a.history().stream().filter(e -> e instanceof AlertEvent.Raised).count())
        .append(" raised")
        .append(a.active() ? ", still active" : "")
        .append(" (")
        .append(a.rule().label())
        .append(" rule, threshold ")
        .append(Units.rate(a.threshold()))
        .append(" hits/s over ")
        .append(Units.duration(view.windowSeconds()))
        .append(")\n");
    out.print(b);
    out.flush();
  }

  private static boolean notable(SourceView v) {
    SourceStatus s = v.status();
    return s.rotations() + s.truncations() + s.oversizeLines() + s.readErrors() + v.future() > 0
        || s.dropped() + s.rejectedTotal() > 0
        || s.lag() > 0
        || v.state().equals("error")
        || v.state().equals("waiting");
  }

  private static void source(StringBuilder b, SourceView v) {
    SourceStatus s = v.status();
    b.append("  source     ")
        .append(Sanitizer.clean(s.name()))
        .append(": ")
        .append(v.state())
        .append(", ")
        .append(s.lines())
        .append(" lines, ")
        .append(Units.bytes(s.bytes()));
    if (s.rotations() + s.truncations() + s.oversizeLines() + s.readErrors() > 0) {
      b.append(", rotations ").append(s.rotations());
      b.append(", truncations ").append(s.truncations());
      b.append(", oversize ").append(s.oversizeLines());
      b.append(", read errors ").append(s.readErrors());
    }
    if (v.future() > 0) {
      b.append(", future ").append(v.future());
    }
    if (s.lag() != SourceStatus.NO_LAG) {
      b.append(", lag ").append(s.lag());
    }
    if (s.dropped() > 0) {
      b.append(", dropped ").append(s.dropped());
    }
    if (!s.rejected().isEmpty()) {
      b.append(", rejected ").append(s.rejectedTotal()).append(" (");
      String sep = "";
      for (java.util.Map.Entry<String, Long> e : s.rejected().entrySet()) {
        b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
        sep = ", ";
      }
      b.append(')');
    }
    b.append('\n');
  }

  private static void window(StringBuilder b, WindowStats r) {
    b.append("  sections   ").append(sections(r.topSections())).append('\n');
    b.append("  status     ").append(statuses(r.statusClasses())).append('\n');
    b.append("  bytes      ")
        .append(Units.bytes(r.bytes()))
        .append(", unique clients ")
        .append(r.uniqueClients())
        .append('\n');
    b.append("  top bytes  ").append(hosts(r.topHosts())).append('\n');
    b.append("  methods    ").append(BreakdownText.counts(r.methods(), KEY_WIDTH)).append('\n');
  }

  /** Lifetime hits, malformed, filtered, late and future lines, as reports and the summary say. */
  private static String lineCounts(LifetimeTotals l) {
    return l.hits() + " hits, " + malformed(l) + filtered(l) + ", late " + l.late() + future(l);
  }

  /** Filtered lines by rule, shown when filters are set. */
  private static String filtered(LifetimeTotals l) {
    if (l.filtered().isEmpty()) {
      return "";
    }
    return ", filtered "
        + l.filteredTotal()
        + " ("
        + l.filtered().stream()
            .map(c -> Sanitizer.clean(c.key()) + " " + c.count())
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** Future lines, shown once there are any (a quiet log's text stays as it was). */
  private static String future(LifetimeTotals l) {
    return l.future() == 0 ? "" : ", future " + l.future();
  }

  private static String malformed(LifetimeTotals l) {
    if (l.malformedTotal() == 0) {
      return "malformed 0";
    }
    return "malformed "
        + l.malformedTotal()
        + " ("
        + l.malformed().entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> e.getKey().label() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String sections(List<SectionStat> s) {
    if (s.isEmpty()) {
      return "-";
    }
    return s.stream()
        .map(
            x ->
                Sanitizer.clip(x.section(), KEY_WIDTH)
                    + " "
                    + x.hits()
                    + " ("
                    + Units.percent(x.share())
                    + (x.serverErrors() > 0 ? ", 5xx " + x.serverErrors() : "")
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static String statuses(StatusClasses c) {
    StringBuilder b = new StringBuilder();
    b.append("2xx ").append(c.success());
    b.append("  3xx ").append(c.redirect());
    b.append("  4xx ").append(c.clientError());
    b.append("  5xx ").append(c.serverError());
    if (c.informational() > 0) {
      b.append("  1xx ").append(c.informational());
    }
    if (c.other() > 0) {
      b.append("  other ").append(c.other());
    }
    b.append("  errors ").append(Units.percent(c.errorRate()));
    b.append(" (5xx ").append(Units.percent(c.serverErrorRate())).append(')');
    return b.toString();
  }

  private static String hosts(List<HostStat> h) {
    if (h.isEmpty()) {
      return "-";
    }
    return h.stream()
        .map(x -> Sanitizer.clip(x.host(), KEY_WIDTH) + " " + Units.bytes(x.bytes()))
        .collect(Collectors.joining(", "));
  }
}
