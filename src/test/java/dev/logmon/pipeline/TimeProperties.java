package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.alert.AlertRule;
import dev.logmon.pipeline.MonitorHarness.Event;
import dev.logmon.source.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The time model against a plain reference, on random streams with outliers: far-future and
 * far-past lines, genuine gaps of days (the log silent, or the wall clock jumping), a second source
 * whose clock is hours off (follow mode), and malformed lines. For every stream:
 *
 * <ul>
 *   <li>alert and recovery times equal those of the reference: per-second counts of the stream with
 *       the outliers removed (and the skewed source's lines at their true time, once its offset is
 *       measured: its first {@link FollowClock#SKEW_SAMPLES} - 1 seconds are outliers too), the
 *       rule evaluated for every second;
 *   <li>{@code hits_total + malformed_total} equals the lines;
 *   <li>the work is bounded: seconds completed one by one are at most the seconds of traffic plus
 *       the span (and a little) per gap, never the length of a gap.
 * </ul>
 */
class TimeProperties {
  private static final long T0 = 1_700_000_000L;

  /** One step of a stream. */
  sealed interface Step {}

  /** A second of time with {@code hits} normal lines and {@code junk} malformed ones. */
  record Traffic(int hits, int junk) implements Step {}

  /** A silence of {@code days} days, then the log goes on (two seconds of two lines). */
  record Gap(int days) implements Step {}

  /** An isolated line {@code offset} seconds off (far ahead or far behind), then normal lines. */
  record Outlier(long offset) implements Step {}

  /** From now on a second source sends {@code hits} lines a second, stamped {@code skew} off. */
  record Skew(int hits, long skew) implements Step {}

  record Stream(
      boolean replay,
      int window,
      int interval,
      double threshold,
      AlertRule rule,
      List<Step> steps) {}

  @Provide
  Arbitrary<Stream> streams() {
    Arbitrary<Step> traffic =
        Combinators.combine(
                Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 10).map(j -> j < 9 ? 0 : 1))
            .as(Traffic::new);
    Arbitrary<Step> gap = Arbitraries.integers().between(1, 400).map(Gap::new);
    Arbitrary<Step> outlier =
        Arbitraries.longs()
            .between(1_000_000L, 3_000_000_000L)
            .flatMap(o -> Arbitraries.of(o, -o))
            .map(Outlier::new);
    Arbitrary<Step> skew =
        Combinators.combine(
                Arbitraries.integers().between(1, 6),
                Arbitraries.of(-7_200L, -3_600L, 3_600L, 36_000L))
            .as(Skew::new);
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(40, traffic), Tuple.of(2, gap), Tuple.of(4, outlier), Tuple.of(1, skew));
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers().between(5, 40),
            Arbitraries.integers().between(1, 10),
            Arbitraries.of(0.5, 1.0, 2.0, 3.5, 6.0),
            Arbitraries.of(AlertRule.ABSOLUTE, AlertRule.RELATIVE),
            step.list().ofMinSize(5).ofMaxSize(250))
        .as(Stream::new);
  }

  @Property(tries = 300)
  void outliersChangeNoAlertTimeAndCostNoWorkPerSecondOfGap(@ForAll("streams") Stream s) {
    MonitorHarness h =
        new MonitorHarness(s.replay(), s.window(), s.interval(), s.threshold(), s.rule());
    Reference ref = new Reference();
    Driver d = new Driver(s, h, ref);
    d.run();
    h.monitor.finish();

    long lines = d.lines;
    assertThat(h.lifetime().hits() + h.lifetime().malformedTotal()).isEqualTo(lines);
    long span = Math.max(s.window(), Math.max(s.interval(), Math.min(10, s.window())));
    assertThat(h.monitor.secondsCompleted())
        .as("seconds completed one by one")
        .isLessThanOrEqualTo(d.seconds + (d.gaps + 1) * (span + 2));
    List<Event> expected = ref.events(s, d.first, d.last);
    assertThat(h.events).as("alerts and recoveries").isEqualTo(expected);

    // The streams are as awkward as intended, often enough to matter.
    cover("alerts", expected.size() >= 2, 15);
    cover("future lines", h.lifetime().future() > 0, 40);
    cover("late lines", h.lifetime().late() > 0, 40);
    cover("gaps of days", d.gaps > 0, 30);
    cover("a skewed source measured", d.skewSeconds >= FollowClock.SKEW_SAMPLES, 5);
  }

  private static void cover(String what, boolean seen, double atLeastPercent) {
    Statistics.label(what).collect(seen);
    Statistics.label(what).coverage(c -> c.check(true).percentage(p -> p >= atLeastPercent));
  }

  /** Feeds a stream to the monitor (replay: log time; follow: ticks of a hand-held wall clock). */
  private static final class Driver {
    final Stream s;
    final MonitorHarness h;
    final Reference ref;
    long t = T0; // the true time of the current second (log time in replay, the wall clock else)
    long lines;
    long seconds;
    long gaps;
    long first = Long.MIN_VALUE;
    long last = Long.MIN_VALUE;
    Skew skew;
    int skewSeconds;

    Driver(Stream s, MonitorHarness h, Reference ref) {
      this.s = s;
      this.h = h;
      this.ref = ref;
    }

    void run() {
      if (!s.replay()) {
        h.monitor.startAt(t);
        first = t;
      }
      // The log begins with traffic: a lone first line followed by a gap of days looks exactly
      // like a line from long ago at the start, which the start rule counts as late.
      second(4, 0);
      for (Step step : s.steps()) {
        if (step instanceof Traffic x) {
          second(x.hits(), x.junk());
        } else if (step instanceof Gap g) {
          gaps++;
          t += g.days() * 86_400L;
          if (!s.replay()) {
            h.monitor.tick(t); // the wall clock jumped, or the log was silent that long
          }
          second(2, 0);
          second(2, 0);
        } else if (step instanceof Outlier o) {
          send("a.log", List.of(line(t + o.offset())), false);
          normal(3);
        } else if (step instanceof Skew k && skew == null && !s.replay()) {
          skew = k;
        }
      }
      if (!s.replay()) {
        t++;
        h.monitor.tick(t); // the last second of traffic completes
        last = t - 1;
      }
    }

    /** Moves to the next second and sends its lines. */
    void second(int hits, int junk) {
      t++;
      seconds++;
      if (!s.replay()) {
        h.monitor.tick(t);
        last = t - 1;
      }
      normal(hits);
      List<String> bad = new ArrayList<>();
      for (int i = 0; i < junk; i++) {
        bad.add("junk " + i);
      }
      send("a.log", bad, false);
      if (skew != null) {
        List<String> b = new ArrayList<>();
        for (int i = 0; i < skew.hits(); i++) {
          b.add(line(t + skew.skew()));
        }
        // Until its offset is measured (the third second), its lines are late or future.
        boolean measured = ++skewSeconds >= FollowClock.SKEW_SAMPLES;
        send("b.log", b, false);
        if (measured) {
          ref.count(t, skew.hits());
        }
      }
    }

    void normal(int n) {
      List<String> ok = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ok.add(line(t));
      }
      send("a.log", ok, true);
      if (n > 0 && s.replay()) {
        first = first == Long.MIN_VALUE ? t : Math.min(first, t);
        last = Math.max(last, t);
      }
    }

    void send(String source, List<String> batch, boolean counted) {
      if (batch.isEmpty()) {
        return;
      }
      h.monitor.accept(Batches.of(source, lines + 1, batch));
      lines += batch.size();
      if (counted) {
        ref.count(t, batch.size());
      }
    }

    static String line(long second) {
      return second + " /a 200";
    }
  }

  /** Hits per second of the stream without outliers, and the rule evaluated every second. */
  private static final class Reference {
    final TreeMap<Long, Long> perSecond = new TreeMap<>();

    void count(long second, long n) {
      perSecond.merge(second, n, Long::sum);
    }

    List<Event> events(Stream s, long first, long last) {
      List<Event> out = new ArrayList<>();
      if (first == Long.MIN_VALUE) {
        return out;
      }
      boolean active = false;
      long lifetime = 0;
      long window = 0;
      for (long c = first; c <= last; c++) {
        Long n = perSecond.get(c);
        lifetime += n == null ? 0 : n;
        window += n == null ? 0 : n;
        Long leaving = perSecond.get(c - s.window());
        window -= leaving == null ? 0 : leaving;
        if (n == null && window == 0 && !active) {
          // Nothing in the window and no alert: jump to the next second with hits (days of gap).
          Long next = perSecond.higherKey(c);
          if (next == null) {
            break;
          }
          c = next - 1;
          continue;
        }
        double windowRate = (double) window / s.window();
        double lifetimeRate = (double) lifetime / Math.max(1, c - first + 1);
        boolean high = s.rule().high(windowRate, lifetimeRate, s.threshold());
        if (high != active) {
          active = high;
          out.add(new Event(high, c + 1));
        }
      }
      return out;
    }
  }
}
