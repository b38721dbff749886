package dev.logmon.present.report;

import dev.logmon.alert.AlertEvent;
import java.util.ArrayList;
import java.util.List;

/** The stretches of log time an alert was in force, read off the alert history. */
final class AlertPeriods {
  /** The end of a period still open at the end of the history. */
  static final long OPEN = Long.MAX_VALUE;

  /** An alert in force from {@code from} to {@code to} (epoch seconds, {@link #OPEN} if still). */
  record Period(boolean latency, long from, long to) {}

  private AlertPeriods() {}

  static List<Period> of(List<AlertEvent> history) {
    List<Period> out = new ArrayList<>();
    long traffic = OPEN;
    long latency = OPEN;
    for (AlertEvent e : history) {
      long t = e.time().getEpochSecond();
      if (e instanceof AlertEvent.Raised) {
        traffic = traffic == OPEN ? t : traffic;
      } else if (e instanceof AlertEvent.Recovered && traffic != OPEN) {
        out.add(new Period(false, traffic, t));
        traffic = OPEN;
      } else if (e instanceof AlertEvent.LatencyRaised) {
        latency = latency == OPEN ? t : latency;
      } else if (e instanceof AlertEvent.LatencyRecovered && latency != OPEN) {
        out.add(new Period(true, latency, t));
        latency = OPEN;
      }
    }
    if (traffic != OPEN) {
      out.add(new Period(false, traffic, OPEN));
    }
    if (latency != OPEN) {
      out.add(new Period(true, latency, OPEN));
    }
    return out;
  }
}
