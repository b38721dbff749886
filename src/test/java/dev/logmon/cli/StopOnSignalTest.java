package dev.logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The stop on Ctrl-C / SIGTERM, driven by calling the hook directly, with the halt recorded. */
class StopOnSignalTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final PrintStream OUT = new PrintStream(PrintStream.nullOutputStream());

  private final List<Integer> halts = new CopyOnWriteArrayList<>();
  private final StopOnSignal guard = new StopOnSignal(halts::add);
  private final AtomicInteger stops = new AtomicInteger();
  private final List<String> cleanUps = new CopyOnWriteArrayList<>();

  @Test
  void aSignalDuringStartUpStopsTheRunAsSoonAsItExistsAndHaltsWithZeroAfterItsSummary()
      throws Exception {
    Thread hook = started(guard::onSignal);
    awaitState("the hook took the signal", guard::signalled);
    assertThat(stops).hasValue(0); // no run yet

    guard.attach(stops::incrementAndGet, List.of(() -> cleanUps.add("demo file")), OUT, OUT);
    assertThat(stops).as("the run is stopped before it reads anything").hasValue(1);
    assertThat(halts).as("the hook waits for the summary").isEmpty();

    started(this::runEnded); // the run printed its summary; it never returns after a signal
    hook.join(DEADLINE.toMillis());
    assertThat(hook.isAlive()).isFalse();
    assertThat(halts).containsExactly(0);
    assertThat(cleanUps).containsExactly("demo file");
  }

  @Test
  void aSignalDuringTheRunStopsItAndHaltsWithZeroOnceTheSummaryIsOut() throws Exception {
    guard.attach(stops::incrementAndGet, List.of(), OUT, OUT);
    Thread hook = started(guard::onSignal);
    awaitState("the run was asked to stop", () -> stops.get() == 1);
    assertThat(halts).isEmpty();

    started(this::runEnded);
    hook.join(DEADLINE.toMillis());
    assertThat(halts).containsExactly(0);
  }

  @Test
  void aRunThatEndedByItselfKeepsItsOwnExitCode() throws Exception {
    guard.attach(stops::incrementAndGet, List.of(), OUT, OUT);
    guard.runEnded(); // returns: no signal came

    guard.onSignal(); // the JVM's own exit runs the hooks: nothing to stop, no halt
    assertThat(stops).hasValue(0);
    assertThat(halts).isEmpty();
    assertThat(guard.signalled()).isFalse();
  }

  private void runEnded() {
    try {
      guard.runEnded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread started(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true); // runEnded after a signal parks for good, as it does before the halt
    t.start();
    return t;
  }

  private static void awaitState(String what, BooleanSupplier state) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!state.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.onSpinWait();
    }
  }
}
