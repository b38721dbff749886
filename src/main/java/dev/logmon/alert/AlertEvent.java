package dev.logmon.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/** A crossing of the alert threshold: traffic went above it, or came back to or below it. */
public sealed interface AlertEvent {
  /** ISO-8601 with an explicit numeric offset, e.g. {@code 2026-11-26T01:50:10+00:00}. */
  DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  /** The average hits/s over the alert window at the crossing. */
  double value();

  /** When the crossing happened: the end of the second whose window crossed. */
  Instant time();

  /** The zone offset the time is printed in. */
  ZoneOffset offset();

  /** Whether this event starts an alert (rather than ending one). */
  default boolean raised() {
    return this instanceof Raised || this instanceof LatencyRaised;
  }

  /** Whether this is the latency alert's event (its value is the p95 in ms), not traffic's. */
  default boolean latency() {
    return this instanceof LatencyRaised || this instanceof LatencyRecovered;
  }

  /** The exact line printed for this event. */
  default String message() {
    return (latency() ? "High latency " : "High traffic ")
        + (raised() ? "generated an alert" : "alert recovered")
        + (latency() ? " - p95 = " : " - hits = ")
        + formatValue(value())
        + (latency() ? " ms (estimate), " : ", ")
        + (raised() ? "triggered at " : "recovered at ")
        + formattedTime();
  }

  /** The time as printed in {@link #message()}. */
  default String formattedTime() {
    return OffsetDateTime.ofInstant(time(), offset()).format(TIME_FORMAT);
  }

  /** Traffic went above the threshold. */
  record Raised(double value, Instant time, ZoneOffset offset) implements AlertEvent {
    public Raised {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(offset, "offset");
    }
  }

  /** Traffic came back to or below the threshold. */
  record Recovered(double value, Instant time, ZoneOffset offset) implements AlertEvent {
    public Recovered {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(offset, "offset");
    }
  }

  /** The latency alert: the window's p95 went above its threshold ({@code value} in ms). */
  record LatencyRaised(double value, Instant time, ZoneOffset offset) implements AlertEvent {
    public LatencyRaised {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(offset, "offset");
    }
  }

  /** The window's p95 came back to or below the latency threshold ({@code value} in ms). */
  record LatencyRecovered(double value, Instant time, ZoneOffset offset) implements AlertEvent {
    public LatencyRecovered {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(offset, "offset");
    }
  }

  /** Formats hits/s with two decimals, whatever the default locale. */
  static String formatValue(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
