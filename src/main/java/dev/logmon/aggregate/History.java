package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole run's traffic over log time: hits, 4xx, 5xx and bytes per minute for the newest {@value
 * #MINUTE_CAP} minutes that had traffic, older ones folded into hours (at most {@value #HOUR_CAP}),
 * older still into days (at most {@value #DAY_CAP}), and the rest into one "earlier" sum; plus the
 * lifetime hits by status code (at most {@value #STATUS_CAP} codes, later ones under {@value
 * #OTHER_STATUS}), and request durations of each bucket ({@link DurationCounts}, only where the log
 * has them). Memory is bounded whatever the timestamps; hit counts stay exact. Late hits count at
 * their own time (a backlog is history too); future hits are not placed, so only their status
 * counts. Not thread-safe: owned by the aggregator's thread.
 */
final class History {
  static final int MINUTE_CAP = 7 * 1440;
  static final int HOUR_CAP = 400 * 24;
  static final int DAY_CAP = 100 * 366;
  static final int STATUS_CAP = 1000;

  /** The status code that collects codes beyond {@link #STATUS_CAP}. */
  static final int OTHER_STATUS = -1;

  static final int HITS = 0;
  static final int CLIENT_ERRORS = 1;
  static final int SERVER_ERRORS = 2;
  static final int BYTES = 3;
  // A cell is {hits, 4xx, 5xx, bytes}, followed by its DurationCounts once a hit had a duration.
  private static final int CELL = 4;
  private static final int TIMED = CELL + DurationCounts.BUCKETS;

  // Bucket start (epoch second) -> {hits, 4xx, 5xx, bytes}.
  private final TreeMap<Long, long[]> minutes = new TreeMap<>();
  private final TreeMap<Long, long[]> hours = new TreeMap<>();
  private final TreeMap<Long, long[]> days = new TreeMap<>();
  private final long[] earlier = new long[TIMED];
  // Buckets starting before a floor were folded into the coarser level: hits there go there too.
  private long minuteFloor = Long.MIN_VALUE;
  private long hourFloor = Long.MIN_VALUE;
  private long dayFloor = Long.MIN_VALUE;
  private final TreeMap<Integer, Long> statuses = new TreeMap<>();
  // The minute last counted into, so a run of hits in one minute costs no map lookup.
  private long cachedMinute = Long.MIN_VALUE;
  private long[] cached;
  // Where the last cell() found its cell (null: earlier), so a cell can grow its durations.
  private Map<Long, long[]> lastLevel;
  private long lastKey;

  /** Counts {@code hits} hits at {@code second}, {@code c4}/{@code c5} of them 4xx/5xx. */
  void count(long second, long hits, long c4, long c5, long bytes) {
    long minute = Math.floorDiv(second, 60) * 60;
    long[] cell = minute == cachedMinute ? cached : cell(minute);
    cell[HITS] += hits;
    cell[CLIENT_ERRORS] += c4;
    cell[SERVER_ERRORS] += c5;
    cell[BYTES] += bytes;
  }

  /** Counts a request duration of a hit counted at {@code second}. */
  void duration(long second, long micros) {
    long minute = Math.floorDiv(second, 60) * 60;
    long[] cell;
    if (minute == cachedMinute) {
      cell = cached;
      if (cell.length == CELL) {
        cell = cached = grow(minutes, minute, cell);
      }
    } else {
      cell = cell(minute);
      if (cell.length == CELL) {
        cell = grow(lastLevel, lastKey, cell);
        if (lastLevel == minutes && lastKey == cachedMinute) {
          cached = cell;
        }
      }
    }
    cell[CELL + DurationCounts.bucket(micros)]++;
  }

  private static long[] grow(Map<Long, long[]> level, long key, long[] cell) {
    long[] grown = Arrays.copyOf(cell, TIMED);
    level.put(key, grown);
    return grown;
  }

  /** Counts {@code hits} hits answered with {@code status}. */
  void status(int status, long hits) {
    Integer key = status;
    if (!statuses.containsKey(key) && statuses.size() >= STATUS_CAP) {
      key = OTHER_STATUS;
    }
    statuses.merge(key, hits, Long::sum);
  }

  private long[] cell(long minute) {
    if (minute < minuteFloor) {
      return coarse(minute);
    }
    long[] c = minutes.computeIfAbsent(minute, m -> new long[CELL]);
    lastLevel = minutes;
    lastKey = minute;
    if (minutes.size() > MINUTE_CAP) {
      coarsen();
      if (minute < minuteFloor) {
        return coarse(minute);
      }
    }
    cachedMinute = minute;
    cached = c;
    return c;
  }

  private long[] coarse(long minute) {
    long hour = Math.floorDiv(minute, 3600) * 3600;
    long day = Math.floorDiv(minute, 86400) * 86400;
    lastLevel = hour >= hourFloor ? hours : day >= dayFloor ? days : null;
    lastKey = lastLevel == hours ? hour : day;
    return lastLevel == null ? earlier : lastLevel.computeIfAbsent(lastKey, k -> new long[CELL]);
  }

  /** Folds the oldest minute into its hour, and so on down, so each level stays in its cap. */
  private void coarsen() {
    cachedMinute = Long.MIN_VALUE;
    Map.Entry<Long, long[]> m = minutes.pollFirstEntry();
    minuteFloor = Math.max(minuteFloor, m.getKey() + 60);
    merge(hours, Math.floorDiv(m.getKey(), 3600) * 3600, m.getValue());
    if (hours.size() > HOUR_CAP) {
      Map.Entry<Long, long[]> h = hours.pollFirstEntry();
      hourFloor = Math.max(hourFloor, h.getKey() + 3600);
      merge(days, Math.floorDiv(h.getKey(), 86400) * 86400, h.getValue());
      if (days.size() > DAY_CAP) {
        Map.Entry<Long, long[]> d = days.pollFirstEntry();
        dayFloor = Math.max(dayFloor, d.getKey() + 86400);
        add(earlier, d.getValue());
      }
    }
  }

  /** Adds a cell into the cell of {@code key} in {@code level}, growing it for durations. */
  private static void merge(Map<Long, long[]> level, long key, long[] from) {
    long[] to = level.computeIfAbsent(key, k -> new long[CELL]);
    if (to.length < from.length) {
      to = grow(level, key, to);
    }
    add(to, from);
  }

  private static void add(long[] to, long[] from) {
    for (int i = 0; i < from.length; i++) {
      to[i] += from[i];
    }
  }

  /** The counts so far, as immutable values. */
  HistoryCounts counts() {
    return new HistoryCounts(
        buckets(minutes, 60),
        buckets(hours, 3600),
        buckets(days, 86400),
        earlier[HITS] == 0 ? null : bucket(Long.MIN_VALUE, 0, earlier),
        statusCounts(),
        minuteFloor,
        hourFloor,
        dayFloor);
  }

  private List<Count> statusCounts() {
    List<Count> out = new ArrayList<>(statuses.size());
    statuses.forEach(
        (code, n) -> out.add(new Count(code == OTHER_STATUS ? Aggregator.OTHER : "" + code, n)));
    return out;
  }

  private static List<HistoryCounts.Bucket> buckets(Map<Long, long[]> level, int seconds) {
    List<HistoryCounts.Bucket> out = new ArrayList<>(level.size());
    level.forEach((start, c) -> out.add(bucket(start, seconds, c)));
    return out;
  }

  private static HistoryCounts.Bucket bucket(long start, int seconds, long[] c) {
    DurationCounts d = null;
    if (c.length == TIMED) {
      long[] counts = Arrays.copyOfRange(c, CELL, TIMED);
      d = Arrays.stream(counts).anyMatch(n -> n != 0) ? new DurationCounts(counts) : null;
    }
    return new HistoryCounts.Bucket(
        start, seconds, c[HITS], c[CLIENT_ERRORS], c[SERVER_ERRORS], c[BYTES], d);
  }

  /**
   * Adds saved counts (a previous run's, {@code --persist}) as if they had been counted here, each
   * bucket at the level it was saved at, so a restarted run folds exactly as one long run would.
   */
  void restore(HistoryCounts saved) {
    cachedMinute = Long.MIN_VALUE;
    minuteFloor = Math.max(minuteFloor, saved.minuteFloor());
    hourFloor = Math.max(hourFloor, saved.hourFloor());
    dayFloor = Math.max(dayFloor, saved.dayFloor());
    restoreInto(minutes, saved.minutes());
    restoreInto(hours, saved.hours());
    restoreInto(days, saved.days());
    if (saved.earlier() != null) {
      add(earlier, cell(saved.earlier()));
    }
    for (Count c : saved.statuses()) {
      status(
          c.key().equals(Aggregator.OTHER) ? OTHER_STATUS : Integer.parseInt(c.key()), c.count());
    }
    while (minutes.size() > MINUTE_CAP) {
      coarsen();
    }
  }

  private static void restoreInto(Map<Long, long[]> level, List<HistoryCounts.Bucket> saved) {
    for (HistoryCounts.Bucket b : saved) {
      merge(level, b.start(), cell(b));
    }
  }

  private static long[] cell(HistoryCounts.Bucket b) {
    long[] c = new long[b.durations() == null ? CELL : TIMED];
    c[HITS] = b.hits();
    c[CLIENT_ERRORS] = b.clientErrors();
    c[SERVER_ERRORS] = b.serverErrors();
    c[BYTES] = b.bytes();
    if (b.durations() != null) {
      System.arraycopy(b.durations().counts(), 0, c, CELL, DurationCounts.BUCKETS);
    }
    return c;
  }
}
