package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.Test;

/** The connection cap and the request timeout, on a hand-driven clock. */
class ConnectionGuardTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;
  private long now = 5 * SECOND;
  private final List<Connection> closed = new ArrayList<>();
  private final java.util.Map<Connection, Long> bytesIn = new java.util.HashMap<>();
  private final ConnectionGuard guard = new ConnectionGuard(3, Duration.ofSeconds(10), () -> now);

  /** A connection that only records being closed, as Jetty's would then report it. */
  private Connection connection(String name) {
    Connection[] self = new Connection[1];
    self[0] =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "close" -> {
                        closed.add(self[0]);
                        guard.onClosed(self[0]);
                        yield null;
                      }
                      case "getBytesIn" -> bytesIn.getOrDefault(self[0], 0L);
                      case "toString" -> name;
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return self[0];
  }

  private Connection open(String name) {
    Connection c = connection(name);
    guard.onOpened(c);
    return c;
  }

  /** A connection that has sent part of a request, as a slow client does. */
  private Connection openAndSend(String name) {
    Connection c = open(name);
    bytesIn.put(c, 20L);
    return c;
  }

  @Test
  void aConnectionWithoutACompleteRequestIsClosedAfterTheTimeout() {
    Connection slow = open("slow");
    now += 10 * SECOND;
    guard.sweep();
    assertThat(closed).isEmpty();
    now += 1;
    guard.sweep();
    assertThat(closed).containsExactly(slow);
    assertThat(guard.openCount()).isZero();
  }

  @Test
  void keepAliveWaitsAtMostTheTimeoutAfterEachResponse() {
    Connection c = open("browser");
    now += 9 * SECOND;
    guard.requestStarted(c);
    now += 60 * SECOND; // a long request (an event stream) is never cut by the timeout
    guard.sweep();
    assertThat(closed).isEmpty();
    guard.requestEnded(c);
    now += 10 * SECOND;
    guard.sweep();
    assertThat(closed).isEmpty();
    now += SECOND;
    guard.sweep();
    assertThat(closed).containsExactly(c);
  }

  @Test
  void atTheCapTheLongestWaitingLaggardMakesRoom() {
    Connection a = openAndSend("a");
    now += SECOND / 10;
    Connection b = openAndSend("b");
    now += SECOND / 10;
    Connection c = openAndSend("c");
    guard.requestStarted(a); // a is busy: not a candidate, although the oldest
    now += SECOND / 10;
    Connection d = open("d");
    assertThat(closed).containsExactly(b);
    assertThat(guard.openCount()).isEqualTo(3);
    guard.requestEnded(a); // a now waits since this instant: c is the longest waiting
    now += SECOND / 10;
    open("e");
    assertThat(closed).containsExactly(b, c);
    assertThat(d).isNotIn(closed);
  }

  /**
   * A burst of new connections must not push out one whose request has not been read yet (a probe):
   * while no connection has proven slow, the newcomer is refused instead.
   */
  @Test
  void aBurstOfNewConnectionsDoesNotPushOutOneNotReadYet() {
    Connection slow = openAndSend("slow");
    now += MILLI;
    Connection probe = open("probe");
    now += MILLI;
    Connection burst1 = open("burst1");
    now += MILLI;
    Connection burst2 = open("burst2"); // makes room: the slow one goes
    assertThat(closed).containsExactly(slow);
    Connection burst3 = open("burst3"); // nobody has proven slow: the newcomer is refused
    assertThat(closed).containsExactly(slow, burst3);
    assertThat(probe).isNotIn(closed);
    // After the grace period, a silent connection is a laggard too, the longest waiting first.
    now += ConnectionGuard.GRACE_NANOS + 1;
    open("later");
    assertThat(closed).containsExactly(slow, burst3, probe);
    assertThat(List.of(burst1, burst2)).doesNotContainAnyElementsOf(closed);
  }

  @Test
  void whenEveryOtherConnectionIsBusyTheNewOneIsClosed() {
    for (String name : List.of("a", "b", "c")) {
      guard.requestStarted(openAndSend(name));
    }
    Connection d = open("d");
    assertThat(closed).containsExactly(d);
    assertThat(guard.openCount()).isEqualTo(3);
  }
}
