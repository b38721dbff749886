package dev.logmon.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests advance by hand; its {@link #sleeper()} advances it instead of sleeping. */
public final class FakeClock implements InstantSource {
  private Instant now;

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Returns a sleeper that advances this clock by the requested duration. */
  public Sleeper sleeper() {
    return this::advance;
  }
}
