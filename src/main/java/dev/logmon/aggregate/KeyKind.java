package dev.logmon.aggregate;

/**
 * The kinds of key traffic is counted by. Each has its own id space ({@link KeyDictionary}, or the
 * status code itself) and its own table in a second's bucket, a window and a run's sums.
 */
public enum KeyKind {
  /** The section of the request target ({@code /api}). */
  SECTION,
  /** The client address or host name. */
  CLIENT,
  /** The request method. */
  METHOD,
  /** The HTTP status code. */
  STATUS,
  /** The virtual host (counted beside latency, in {@link LatencyWindows}). */
  VHOST
}
