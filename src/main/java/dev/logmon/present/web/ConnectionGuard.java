package dev.logmon.present.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;

/**
 * Keeps the web server's connections bounded in number and in the time they may take: a connection
 * must deliver a request's headers within the request timeout of opening or of its previous
 * response, or it is closed; and when a new connection would pass the cap, the one that has waited
 * longest for its next request is closed to make room.
 *
 * <p>This is what makes slow clients (slowloris: headers sent a byte at a time, or never finished)
 * harmless: Jetty reads headers without holding a thread, so an unfinished request costs only its
 * connection's few kilobytes, which the cap bounds; and since a waiting connection gives way, a
 * monitoring probe or a browser still gets in while the cap is full. Only a proven laggard gives
 * way: a connection that has sent bytes without completing a request (or is idle after a response),
 * or one silent for over {@link #GRACE_NANOS}; a connection just opened, whose request has not been
 * read yet, does not, or a burst of new connections could push out a probe before its request is
 * read. When no connection qualifies, the new one is closed. A connection in the middle of a
 * request (an event stream, say) is never closed by the cap or the timeout.
 *
 * <p>Thread-safe: Jetty's selector opens and closes connections, handler threads mark requests, the
 * server's timer sweeps. The clock is injected (nanoseconds) so tests drive it.
 */
final class ConnectionGuard implements Connection.Listener {
  /** How long a new connection that has sent nothing is safe from being closed for room. */
  static final long GRACE_NANOS = 1_000_000_000L;

  /** A connection's state: in a request, or waiting for one since a time. */
  private static final class Tracked {
    volatile boolean busy;
    volatile long waitingSince;

    Tracked(long now) {
      waitingSince = now;
    }
  }

  private final Map<Connection, Tracked> open = new ConcurrentHashMap<>();
  private final int max;
  private final long timeoutNanos;
  private final LongSupplier nanoClock;

  ConnectionGuard(int maxConnections, Duration requestTimeout, LongSupplier nanoClock) {
    this.max = maxConnections;
    this.timeoutNanos = requestTimeout.toNanos();
    this.nanoClock = nanoClock;
  }

  @Override
  public void onOpened(Connection c) {
    long now = nanoClock.getAsLong();
    open.put(c, new Tracked(now));
    if (open.size() > max) {
      closeLongestWaiting(c, now);
    }
  }

  @Override
  public void onClosed(Connection c) {
    open.remove(c);
  }

  /** A request's headers have arrived on {@code c}: it is busy until {@link #requestEnded}. */
  void requestStarted(Connection c) {
    Tracked t = open.get(c);
    if (t != null) {
      t.busy = true;
    }
  }

  /** The response on {@code c} is complete: it now waits for its next request. */
  void requestEnded(Connection c) {
    Tracked t = open.get(c);
    if (t != null) {
      t.waitingSince = nanoClock.getAsLong();
      t.busy = false;
    }
  }

  /** Closes every connection that has waited for a request longer than the timeout. */
  void sweep() {
    long now = nanoClock.getAsLong();
    open.forEach(
        (c, t) -> {
          if (!t.busy && now - t.waitingSince > timeoutNanos) {
            c.close();
          }
        });
  }

  /** Connections open now. */
  int openCount() {
    return open.size();
  }

  /** Connections that would make room for a new one now (for tests). */
  int laggardCount() {
    long now = nanoClock.getAsLong();
    return (int)
        open.entrySet().stream().filter(e -> laggard(e.getKey(), e.getValue(), now)).count();
  }

  private static boolean laggard(Connection c, Tracked t, long now) {
    return !t.busy && (c.getBytesIn() > 0 || now - t.waitingSince > GRACE_NANOS);
  }

  private void closeLongestWaiting(Connection newcomer, long now) {
    Connection oldest = null;
    long since = 0;
    for (Map.Entry<Connection, Tracked> e : open.entrySet()) {
      Tracked t = e.getValue();
      if (laggard(e.getKey(), t, now) && (oldest == null || t.waitingSince - since < 0)) {
        oldest = e.getKey();
        since = t.waitingSince;
      }
    }
    Connection closing = oldest == null ? newcomer : oldest;
    // Removed at once (not only when Jetty reports it closed) so the count stays at the cap.
    open.remove(closing);
    closing.close();
  }
}
