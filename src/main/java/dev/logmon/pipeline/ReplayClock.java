package dev.logmon.pipeline;

import dev.logmon.parse.LogRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay's clock rule: which hits may move the clock forward, told apart from outliers by the hits
 * that follow them. Replay has no wall clock, so a single line stamped in 2099 would otherwise
 * carry "now" to 2099 and make every later line late.
 *
 * <ul>
 *   <li>A hit at most {@code jump} seconds ahead of the clock is accepted at once (the common case,
 *       one comparison: {@link #pass}).
 *   <li>A hit further ahead is a <em>candidate</em>, held with the hits after it (at most {@link
 *       #HOLD_MAX}), which vote: a hit at or after {@code candidate - jump} agrees, one before it
 *       disagrees. {@link #CONFIRM} disagreeing hits make the candidate an outlier: it counts as
 *       future, and the hits held after it are taken again from the old clock. {@link #CONFIRM}
 *       agreeing hits, one of them in another second, confirm it: the log really moved on (a gap),
 *       the clock moves to it, and the held hits follow in order.
 *   <li>The start has no clock yet: the first {@link #START_HITS} hits are held; when most of them
 *       lie within {@code jump} of their median, those start the clock (the earliest of them) and
 *       the others are judged against it, so a first line from 2099 (an outlier) or 2000 (late) is
 *       not where the log begins.
 *   <li>At the end of the input nothing more can vote: a candidate is accepted if more held hits
 *       agree than disagree, or, with none after it, if it is no further ahead than the replay has
 *       lasted (or {@code jump}); otherwise it is future.
 * </ul>
 *
 * Work per hit is bounded by {@link #HOLD_MAX}, never by the size of a jump. Not thread-safe: owned
 * by the pipeline thread.
 */
final class ReplayClock {
  /** Hits after a candidate that confirm it (one in another second) or that refute it. */
  static final int CONFIRM = 3;

  /** Hits held at most: so many hits after a candidate confirm it even within one second. */
  static final int HOLD_MAX = 256;

  /** Hits held at the start to find where the log begins. */
  static final int START_HITS = 4;

  /** A hit waiting for a decision, with what a note about it needs. */
  record Held(LogRecord record, String source, long lineNumber, String text) {
    long second() {
      return record.epochSecond();
    }
  }

  /** Where decided hits go, in the order they are to be counted. */
  interface Sink {
    /** The log begins at {@code second}: the clock starts there. */
    void start(long second);

    /** Counts a hit in its own second (it may be late). */
    void accept(Held h);

    /** Counts a hit as future: lifetime totals only. */
    void future(Held h);
  }

  private final long jump;
  private final Sink sink;
  private final List<Held> pending = new ArrayList<>();
  private final ArrayDeque<Held> queue = new ArrayDeque<>();
  private boolean started;
  private long now = Long.MIN_VALUE;
  private long startSecond;

  /**
   * @param jump how far ahead of the clock a hit may be and still move it at once, in seconds
   */
  ReplayClock(long jump, Sink sink) {
    this.jump = Math.max(1, jump);
    this.sink = sink;
  }

  /**
   * The fast path: whether a hit at {@code second} may be counted at once (nothing is held and it
   * is not far ahead); if so, the clock has taken it into account and the caller counts it.
   */
  boolean pass(long second) {
    if (!started || !pending.isEmpty() || second > now + jump) {
      return false;
    }
    if (second > now) {
      now = second;
    }
    return true;
  }

  /** Takes a hit that did not {@link #pass}; decided hits go to the sink, now or later. */
  void offer(Held h) {
    queue.addLast(h);
    drain();
  }

  /** The input has ended: decides every held hit. */
  void finish() {
    if (!started && !pending.isEmpty()) {
      start();
      drain();
    }
    while (!pending.isEmpty()) {
      Held candidate = pending.get(0);
      List<Held> rest = new ArrayList<>(pending.subList(1, pending.size()));
      int agree = agreeing(candidate);
      pending.clear();
      boolean accepted =
          rest.isEmpty()
              ? candidate.second() - now <= Math.max(jump, now - startSecond)
              : agree > rest.size() - agree;
      if (accepted) {
        accept(candidate);
      } else {
        sink.future(candidate);
      }
      requeue(rest);
      drain();
    }
  }

  private void drain() {
    while (!queue.isEmpty()) {
      step(queue.pollFirst());
    }
  }

  private void step(Held h) {
    if (!started) {
      pending.add(h);
      if (pending.size() >= START_HITS) {
        start();
      }
      return;
    }
    if (pending.isEmpty()) {
      if (h.second() <= now + jump) {
        accept(h);
      } else {
        pending.add(h);
      }
      return;
    }
    pending.add(h);
    Held candidate = pending.get(0);
    int agree = agreeing(candidate);
    int disagree = pending.size() - 1 - agree;
    if (disagree >= CONFIRM) {
      // The log stayed before the candidate: it was an outlier.
      List<Held> rest = new ArrayList<>(pending.subList(1, pending.size()));
      pending.clear();
      sink.future(candidate);
      requeue(rest);
    } else if (pending.size() >= HOLD_MAX || (agree >= CONFIRM && movesOn(candidate))) {
      List<Held> rest = new ArrayList<>(pending.subList(1, pending.size()));
      pending.clear();
      accept(candidate);
      requeue(rest);
    }
  }

  /** Held hits after the candidate that are at or after {@code candidate - jump}. */
  private int agreeing(Held candidate) {
    int n = 0;
    for (int i = 1; i < pending.size(); i++) {
      n += pending.get(i).second() >= candidate.second() - jump ? 1 : 0;
    }
    return n;
  }

  /** Whether an agreeing hit is in another second than the candidate (time goes on there). */
  private boolean movesOn(Held candidate) {
    for (int i = 1; i < pending.size(); i++) {
      long s = pending.get(i).second();
      if (s != candidate.second() && s >= candidate.second() - jump) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts the clock from the held hits: when most lie within {@code jump} of their median, at the
   * earliest of those, which are accepted, while the others are judged against the clock; else (a
   * sparse log, no cluster) at the first hit, and all are judged in order.
   */
  private void start() {
    long[] seconds = new long[pending.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = pending.get(i).second();
    }
    java.util.Arrays.sort(seconds);
    long median = seconds[(seconds.length - 1) / 2];
    List<Held> held = new ArrayList<>(pending);
    pending.clear();
    List<Held> cluster = new ArrayList<>();
    List<Held> others = new ArrayList<>();
    for (Held h : held) {
      (Math.abs(h.second() - median) <= jump ? cluster : others).add(h);
    }
    if (cluster.size() * 2 <= held.size()) {
      cluster.clear(); // no cluster: begin at the first hit and judge every one in order
      others = held;
    }
    long first = cluster.isEmpty() ? held.get(0).second() : Long.MAX_VALUE;
    for (Held h : cluster) {
      first = Math.min(first, h.second());
    }
    started = true;
    now = first;
    startSecond = first;
    sink.start(first);
    cluster.forEach(this::accept);
    requeue(others);
  }

  private void accept(Held h) {
    if (h.second() > now) {
      now = h.second();
    }
    sink.accept(h);
  }

  /** Puts {@code hits} back at the head of the queue, in their order. */
  private void requeue(List<Held> hits) {
    for (int i = hits.size() - 1; i >= 0; i--) {
      queue.addFirst(hits.get(i));
    }
  }
}
