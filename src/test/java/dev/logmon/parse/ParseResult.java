package dev.logmon.parse;

import java.util.Objects;

/** The outcome of parsing one line: a record, or the reason the line could not be used. */
public sealed interface ParseResult {

  /** A line that yielded a record. */
  record Parsed(LogRecord record) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(record, "record");
    }
  }

  /** A line that yielded no record, with why. */
  record Malformed(MalformedReason reason) implements ParseResult {
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
