package dev.logmon.parse;

import java.util.Objects;

/**
 * One parsed access-log line: the fields logmon aggregates, as the server wrote them.
 *
 * <p>A record always has a valid timestamp and status; a request line that is not {@code METHOD
 * TARGET PROTOCOL} still yields a record (it is a hit) with {@link #requestMalformed()} set, an
 * empty method and target, and one of the placeholder sections of {@link Sections}.
 *
 * @param host client address or host name ({@code %h}), IPv4, IPv6 or a DNS name
 * @param user authenticated user ({@code %u}), {@code "-"} when absent
 * @param epochSecond request time ({@code %t}) in seconds since the epoch
 * @param offsetSeconds zone offset of {@code %t}, in seconds east of UTC
 * @param method request method, {@code ""} when the request line is malformed
 * @param target request target as logged (path, query, absolute URI, {@code *}), {@code ""} when
 *     the request line is malformed
 * @param section the section derived from the target, see {@link Sections#of(String)}
 * @param requestMalformed whether the request line was not {@code METHOD TARGET PROTOCOL}
 * @param status HTTP status code, 100..999
 * @param bytes response size ({@code %b}/{@code %O}); {@code "-"} is 0
 * @param referrer the Referer header, {@code null} in Common Log Format
 * @param userAgent the User-Agent header, {@code null} in Common Log Format
 * @param vhost the virtual host ({@code %v:%p} prefix of Apache's vhost_combined), {@code null}
 *     when the line has none
 * @param durationMicros time taken to serve the request in microseconds ({@code %D}, {@code
 *     $request_time}, ...), {@link #NO_DURATION} when the format does not carry it
 */
public record LogRecord(
    String host,
    String user,
    long epochSecond,
    int offsetSeconds,
    String method,
    String target,
    String section,
    boolean requestMalformed,
    int status,
    long bytes,
    String referrer,
    String userAgent,
    String vhost,
    long durationMicros) {

  /** The {@link #durationMicros()} of a line whose format carries no request duration. */
  public static final long NO_DURATION = -1;

  public LogRecord {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(section, "section");
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("negative bytes: " + bytes);
    }
    if (durationMicros < NO_DURATION) {
      throw new IllegalArgumentException("negative duration: " + durationMicros);
    }
  }

  /** Whether the line carried a request duration. */
  public boolean hasDuration() {
    return durationMicros != NO_DURATION;
  }

  /** The status class, 1 for 1xx up to 5 for 5xx, or 0 for anything else (600..999). */
  public int statusClass() {
    int c = status / 100;
    return c >= 1 && c <= 5 ? c : 0;
  }

  /**
   * This record with {@code vhost} as its virtual host (a line read from a syslog host's source).
   */
  public LogRecord withVhost(String vhost) {
    return with(target, section, referrer, userAgent, vhost);
  }

  /** This record with {@code target} as its request target (its section unchanged). */
  public LogRecord withTarget(String target) {
    return with(target, section, referrer, userAgent, vhost);
  }

  /** This record with {@code section} as its section ({@code --section-depth} above 1). */
  public LogRecord withSection(String section) {
    return with(target, section, referrer, userAgent, vhost);
  }

  /** This record with these fields replaced, the rest kept. */
  LogRecord with(String target, String section, String referrer, String userAgent, String vhost) {
    return new LogRecord(
        host,
        user,
        epochSecond,
        offsetSeconds,
        method,
        target,
        section,
        requestMalformed,
        status,
        bytes,
        referrer,
        userAgent,
        vhost,
        durationMicros);
  }
}
