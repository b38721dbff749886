package dev.logmon.present;

import dev.logmon.source.SourceStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * What a presenter shows of one watched source: its status as the source stage reports it, that
 * state as a word, and the hits from it that could not be placed in time.
 *
 * @param state a short word: the status's state in lower case, or {@code stopped} for a replayed
 *     file a stop cut short
 * @param future hits from this source stamped too far ahead to be placed in time (see {@code
 *     LifetimeTotals.future})
 */
public record SourceView(SourceStatus status, String state, long future) {

  public SourceView {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(state, "state");
  }

  /** {@code status} shown with its own state and no future lines. */
  public static SourceView of(SourceStatus status) {
    return new SourceView(status, status.state().name().toLowerCase(Locale.ROOT), 0);
  }

  /** This source with {@code n} future lines. */
  public SourceView withFuture(long n) {
    return new SourceView(status, state, n);
  }
}
