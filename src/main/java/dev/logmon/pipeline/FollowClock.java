package dev.logmon.pipeline;

import dev.logmon.present.Sanitizer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follow mode's clock rule: where a hit is counted, given the wall clock.
 *
 * <ul>
 *   <li>A hit stamped more than {@code maxFuture} seconds ahead of the wall clock is
 *       <em>future</em> ({@link #FUTURE}): lifetime totals only; it never moves "now".
 *   <li>A hit ahead of the wall clock by less is counted in the current second (at most one second
 *       ahead of the wall clock, its resolution here), so a server clock running a little fast does
 *       not pull the windows away from the other sources.
 *   <li>Per source, a consistent offset is measured and corrected: when a source's hits are more
 *       than {@code skewThreshold} ahead of or behind the wall clock in {@link #SKEW_SAMPLES}
 *       distinct wall-clock seconds, at offsets within {@code band} of each other and with no hit
 *       in tolerance between, its newest offset is taken as the source's clock skew; one note names
 *       the file and the offset, and from then on its hits are counted shifted by it, in the live
 *       windows. A backlog read from an old file does not qualify: its offsets shrink by far more
 *       than the band from one wall second to the next.
 *   <li>The first hit counted more than {@code backlog} seconds behind the wall clock is noted
 *       once: it and its like count as late (a backlog being read, or a clock not yet measured).
 * </ul>
 *
 * Not thread-safe: owned by the pipeline thread.
 */
final class FollowClock {
  /** What {@link #place} returns for a future hit. */
  static final long FUTURE = Long.MIN_VALUE;

  /** Distinct wall-clock seconds a source's offset must be seen in before it is corrected. */
  static final int SKEW_SAMPLES = 3;

  /** Sources tracked for skew at most; further ones (a glob over thousands of files) are not. */
  static final int MAX_SOURCES = 4096;

  private final long maxFuture;
  private final long skewThreshold;
  private final long band;
  private final long backlog;
  private final Consumer<String> notes;
  private final Map<String, Skew> skews = new HashMap<>();
  private long wall = Long.MIN_VALUE;
  private boolean backlogNoted;

  /**
   * @param maxFuture seconds a hit may be ahead of the wall clock before it is future
   * @param skewThreshold seconds ahead or behind beyond which a consistent offset is corrected
   * @param backlog seconds behind the wall clock beyond which a hit is noted (once)
   */
  FollowClock(long maxFuture, long skewThreshold, long backlog, Consumer<String> notes) {
    this.maxFuture = maxFuture;
    this.skewThreshold = Math.max(1, skewThreshold);
    this.band = Math.max(2, this.skewThreshold / 2);
    this.backlog = backlog;
    this.notes = notes;
  }

  /** The wall clock says it is {@code second}. */
  void wall(long second) {
    wall = second;
  }

  /**
   * The second to count a hit of {@code source} stamped {@code second} in, or {@link #FUTURE}.
   * Before the wall clock is known, the hit's own second.
   */
  long place(String source, long second) {
    if (wall == Long.MIN_VALUE) {
      return second;
    }
    Skew skew = skews.get(source);
    if (skew == null) {
      if (skews.size() >= MAX_SOURCES) {
        return bound(second);
      }
      skew = new Skew();
      skews.put(source, skew);
    }
    skew.observe(source, second - skew.correction - wall);
    long placed = bound(second - skew.correction);
    if (!backlogNoted && placed != FUTURE && wall - placed > backlog) {
      backlogNoted = true;
      notes.accept(
          "note: "
              + Sanitizer.clean(source)
              + " has lines "
              + (wall - placed)
              + " s behind the wall clock (a backlog, or a skewed server clock); lines older than"
              + " the window count toward lifetime totals only (late)");
    }
    return placed;
  }

  /** The correction applied to {@code source}'s timestamps (for tests and notes). */
  long correction(String source) {
    Skew s = skews.get(source);
    return s == null ? 0 : s.correction;
  }

  private long bound(long second) {
    if (second - wall > maxFuture) {
      return FUTURE;
    }
    return Math.min(second, wall + 1);
  }

  /** One source's skew measurement. */
  private final class Skew {
    long correction;
    int samples;
    long lastSampleWall = Long.MIN_VALUE;
    long first;
    long newest;

    /** Takes the offset {@code d} (after correction) of a hit read at the current wall second. */
    void observe(String source, long d) {
      if (Math.abs(d) <= skewThreshold) {
        samples = 0;
        return;
      }
      if (samples > 0 && (Long.signum(d) != Long.signum(first) || Math.abs(d - first) > band)) {
        samples = 0; // not the offset seen so far: measure again from this hit
      }
      if (samples == 0) {
        first = d;
        newest = d;
        samples = 1;
        lastSampleWall = wall;
        return;
      }
      newest = Math.max(newest, d); // the least delayed hit is closest to the clock's offset
      if (wall == lastSampleWall) {
        return;
      }
      lastSampleWall = wall;
      if (++samples >= SKEW_SAMPLES) {
        correction += newest;
        samples = 0;
        String name = Sanitizer.clean(source);
        notes.accept(
            correction == 0
                ? "clock skew: " + name + " is back in step with the wall clock"
                : "clock skew: "
                    + name
                    + " is stamped "
                    + Math.abs(correction)
                    + " s "
                    + (correction > 0 ? "ahead of" : "behind")
                    + " the wall clock; its lines are counted "
                    + (correction > 0 ? "that much earlier" : "that much later")
                    + ", in the live windows");
      }
    }
  }
}
