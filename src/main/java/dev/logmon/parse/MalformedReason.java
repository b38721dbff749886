package dev.logmon.parse;

/** Why a line yielded no record; each reason is counted separately and shown by its label. */
public enum MalformedReason {
  EMPTY("empty line"),
  BAD_HOST("bad or missing client address, ident or user"),
  BAD_TIMESTAMP("bad or missing [timestamp]"),
  BAD_REQUEST_FIELD("unterminated or missing \"request\""),
  BAD_STATUS("bad or missing status"),
  BAD_SIZE("bad or missing size"),
  BAD_HEADER_FIELD("unterminated or missing \"referrer\" or \"user-agent\""),
  TRAILING_GARBAGE("unexpected text after the last field"),
  // Added with configurable formats; kept last so the ordinals above stay as they were.
  FORMAT_MISMATCH("line does not match the log format"),
  HEADER_LINE("header or comment line (W3C #Fields:, #Date: ...)"),
  BAD_DURATION("bad request duration");

  private final String label;

  MalformedReason(String label) {
    this.label = label;
  }

  /** A short human-readable description, used in reports and on stderr. */
  public String label() {
    return label;
  }

  /** A stable snake_case key, used in JSON output. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
