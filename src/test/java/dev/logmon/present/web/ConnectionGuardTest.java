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
  private long now = 5 * SECOND;
  private final List<Connection> closed = new ArrayList<>();
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
  void atTheCapTheLongestWaitingConnectionMakesRoom() {
    Connection a = open("a");
    now += SECOND;
    Connection b = open("b");
    now += SECOND;
    Connection c = open("c");
    guard.requestStarted(a); // a is busy: not a candidate, although the oldest
    now += SECOND;
    Connection d = open("d");
    assertThat(closed).containsExactly(b);
    assertThat(guard.openCount()).isEqualTo(3);
    guard.requestEnded(a); // a now waits since this instant: c is the longest waiting
    now += SECOND;
    open("e");
    assertThat(closed).containsExactly(b, c);
    assertThat(d).isNotIn(closed);
  }

  @Test
  void whenEveryOtherConnectionIsBusyTheNewOneIsClosed() {
    for (String name : List.of("a", "b", "c")) {
      guard.requestStarted(open(name));
    }
    Connection d = open("d");
    assertThat(closed).containsExactly(d);
    assertThat(guard.openCount()).isEqualTo(3);
  }
}
