package dev.logmon.source;

import java.util.ArrayList;
import java.util.List;

/** A test sink that keeps every batch it is given; single-threaded. */
final class RecordingSink implements BatchSink {
  final List<LineBatch> batches = new ArrayList<>();

  @Override
  public void put(LineBatch batch) {
    batches.add(batch);
  }

  /** All lines received so far, in order. */
  List<String> lines() {
    List<String> all = new ArrayList<>();
    batches.forEach(b -> all.addAll(b.lines()));
    return all;
  }

  /** Lines received since the last call to this method. */
  List<String> take() {
    List<String> all = lines();
    batches.clear();
    return all;
  }
}
