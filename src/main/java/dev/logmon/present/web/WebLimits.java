package dev.logmon.present.web;

import java.time.Duration;

/**
 * The web server's bounds, so that no number of clients, slow or fast, can make logmon use more
 * threads or memory than these allow (see docs/WEB.md).
 *
 * @param threads the server's threads, all started with it: accepting, the selector, and handlers
 *     (a handler never blocks, so a few serve any number of connections)
 * @param connections open connections at most; at the cap, a new one closes the connection that has
 *     been waiting longest for its next request
 * @param requestTimeout a request's headers must arrive within this of the connection opening or of
 *     the previous response (covers slow headers and idle keep-alive alike)
 * @param ioTimeout a response (or event stream) whose client reads nothing for this long is closed
 * @param eventStreams event streams served at once; more get 503 and the browser retries
 */
public record WebLimits(
    int threads, int connections, Duration requestTimeout, Duration ioTimeout, int eventStreams) {
  /** The limits logmon runs with. */
  public static final WebLimits DEFAULT =
      new WebLimits(8, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), 32);

  public WebLimits {
    if (threads < 4 || connections < 1 || eventStreams < 1) {
      throw new IllegalArgumentException("threads >= 4, connections >= 1 and eventStreams >= 1");
    }
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || ioTimeout.isNegative()
        || ioTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
