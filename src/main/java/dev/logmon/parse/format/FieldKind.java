package dev.logmon.parse.format;

import dev.logmon.parse.MalformedReason;

/**
 * What a field of a log format holds, and so how its text is read and which record field it fills.
 *
 * <p>The sample is what the field looks like; a field whose value may contain the literal that
 * follows it (the space inside {@code $time_local}) is scanned past that many occurrences.
 */
enum FieldKind {
  IGNORE(MalformedReason.FORMAT_MISMATCH, "x"),
  HOST(MalformedReason.BAD_HOST, "192.0.2.1"),
  USER(MalformedReason.BAD_HOST, "-"),
  TIME_CLF(MalformedReason.BAD_TIMESTAMP, "10/Oct/2000:13:55:36 -0700"),
  TIME_CLF_BRACKETED(MalformedReason.BAD_TIMESTAMP, "[10/Oct/2000:13:55:36 -0700]"),
  TIME_ISO(MalformedReason.BAD_TIMESTAMP, "2000-10-10T13:55:36-07:00"),
  TIME_EPOCH_S(MalformedReason.BAD_TIMESTAMP, "971211336.123"),
  TIME_EPOCH_MS(MalformedReason.BAD_TIMESTAMP, "971211336123"),
  TIME_EPOCH_US(MalformedReason.BAD_TIMESTAMP, "971211336123456"),
  /** A strftime pattern ({@code %{%d/%b/%Y %T}t}); the token carries it. */
  TIME_STRFTIME(MalformedReason.BAD_TIMESTAMP, ""),
  REQUEST(MalformedReason.BAD_REQUEST_FIELD, "GET / HTTP/1.1"),
  METHOD(MalformedReason.BAD_REQUEST_FIELD, "GET"),
  /** Path and query, as in {@code $request_uri}. */
  TARGET(MalformedReason.BAD_REQUEST_FIELD, "/"),
  PATH(MalformedReason.BAD_REQUEST_FIELD, "/"),
  /** The query string with its {@code ?}, or empty ({@code %q}). */
  QUERY(MalformedReason.BAD_REQUEST_FIELD, ""),
  PROTOCOL(MalformedReason.BAD_REQUEST_FIELD, "HTTP/1.1"),
  STATUS(MalformedReason.BAD_STATUS, "200"),
  BYTES(MalformedReason.BAD_SIZE, "1234"),
  DURATION_US(MalformedReason.BAD_DURATION, "1234"),
  DURATION_MS(MalformedReason.BAD_DURATION, "12"),
  DURATION_S(MalformedReason.BAD_DURATION, "0.012"),
  /** nginx's {@code $upstream_response_time}: seconds, several attempts comma-separated. */
  DURATION_S_LIST(MalformedReason.BAD_DURATION, "0.012"),
  DURATION_NS(MalformedReason.BAD_DURATION, "1234567"),
  REFERRER(MalformedReason.BAD_HEADER_FIELD, "-"),
  USER_AGENT(MalformedReason.BAD_HEADER_FIELD, "curl/8.0"),
  VHOST(MalformedReason.FORMAT_MISMATCH, "example.org"),
  PORT(MalformedReason.FORMAT_MISMATCH, "443");

  final MalformedReason reason;
  final String sample;

  FieldKind(MalformedReason reason, String sample) {
    this.reason = reason;
    this.sample = sample;
  }

  /** Whether this field tells the request duration. */
  boolean isDuration() {
    return switch (this) {
      case DURATION_US, DURATION_MS, DURATION_S, DURATION_S_LIST, DURATION_NS -> true;
      default -> false;
    };
  }
}
