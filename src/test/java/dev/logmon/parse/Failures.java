package dev.logmon.parse;

/** One shared {@link ParseResult.Malformed} per reason, so that failing lines allocate nothing. */
final class Failures {
  static final ParseResult EMPTY = new ParseResult.Malformed(MalformedReason.EMPTY);
  static final ParseResult BAD_HOST = new ParseResult.Malformed(MalformedReason.BAD_HOST);
  static final ParseResult BAD_TIMESTAMP = new ParseResult.Malformed(MalformedReason.BAD_TIMESTAMP);
  static final ParseResult BAD_REQUEST_FIELD =
      new ParseResult.Malformed(MalformedReason.BAD_REQUEST_FIELD);
  static final ParseResult BAD_STATUS = new ParseResult.Malformed(MalformedReason.BAD_STATUS);
  static final ParseResult BAD_SIZE = new ParseResult.Malformed(MalformedReason.BAD_SIZE);
  static final ParseResult BAD_HEADER_FIELD =
      new ParseResult.Malformed(MalformedReason.BAD_HEADER_FIELD);
  static final ParseResult TRAILING_GARBAGE =
      new ParseResult.Malformed(MalformedReason.TRAILING_GARBAGE);

  private Failures() {}
}
