package dev.logmon.parse;

/**
 * Where a time reader puts the time it read: a row of {@link ParsedLines}, or the record a text
 * format (JSON, W3C) builds for its one line.
 */
public interface TimeSink {
  /** Sets the time of row {@code i}: UTC epoch second and the zone offset it was logged in. */
  void time(int i, long epochSecond, int offsetSeconds);
}
