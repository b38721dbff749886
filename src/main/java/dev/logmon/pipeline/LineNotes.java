package dev.logmon.pipeline;

import dev.logmon.alert.AlertEvent;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.Sanitizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The notes that quote odd lines (malformed, stamped in the future) with file and line number: the
 * first few of each kind, sanitised and clipped, then a word that the rest are only counted. Not
 * thread-safe: owned by the pipeline thread.
 */
final class LineNotes {
  /** Future lines quoted before they are only counted. */
  static final int FUTURE_SHOWN = 5;

  private static final int CLIP = 160;

  private final Consumer<String> notes;
  private final int malformedLimit;
  private long malformedShown;
  private long futureShown;

  LineNotes(Consumer<String> notes, int malformedLimit) {
    this.notes = notes;
    this.malformedLimit = malformedLimit;
  }

  /** Whether a malformed line would still be quoted (so its text need not be decoded otherwise). */
  boolean quotesMalformed() {
    return malformedShown < malformedLimit;
  }

  void malformed(MalformedReason reason, String source, long lineNumber, String line) {
    if (!quotesMalformed()) {
      return;
    }
    malformedShown++;
    notes.accept(
        "malformed line "
            + Sanitizer.clean(source)
            + ":"
            + lineNumber
            + " ("
            + reason.label()
            + "): "
            + Sanitizer.clip(line, CLIP)
            + (malformedShown == malformedLimit
                ? " [further malformed lines are counted, not shown]"
                : ""));
  }

  /**
   * Quotes a line counted as future: stamped {@code second} (in zone {@code offsetSeconds}), {@code
   * ahead} seconds beyond {@code reference} (the wall clock, or the log around it).
   */
  void future(
      String source,
      long lineNumber,
      String line,
      long second,
      int offsetSeconds,
      long ahead,
      String reference) {
    if (futureShown >= FUTURE_SHOWN) {
      return;
    }
    futureShown++;
    String stamp =
        OffsetDateTime.ofInstant(
                Instant.ofEpochSecond(second), ZoneOffset.ofTotalSeconds(offsetSeconds))
            .format(AlertEvent.TIME_FORMAT);
    notes.accept(
        "future line "
            + Sanitizer.clean(source)
            + ":"
            + lineNumber
            + " (stamped "
            + stamp
            + ", "
            + ahead
            + " s ahead of "
            + reference
            + ") counted in the lifetime totals only: "
            + Sanitizer.clip(line, CLIP)
            + (futureShown == FUTURE_SHOWN
                ? " [further future lines are counted, not shown]"
                : ""));
  }
}
