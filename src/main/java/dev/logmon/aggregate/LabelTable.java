package dev.logmon.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one metrics label (sections, virtual hosts), decided when a value is first seen and
 * kept for good: the first {@code cap} distinct values get a label each, in that order; any later
 * value is {@link #OTHER}. So a value's series counts all its hits, and {@code (other)} holds only
 * what lies beyond the cap.
 *
 * <p>Label texts are clipped to {@value #MAX_TEXT} characters, so a 64 KiB path cannot bloat every
 * scrape; a value whose clipped text is already another value's label, or is {@code (other)}
 * itself, is {@code (other)} too, so no two series ever share their labels. Not thread-safe: owned
 * by the aggregator's thread; {@link #texts()} is an immutable copy for snapshots.
 */
final class LabelTable {
  /** The label of every value beyond the cap. */
  static final int OTHER = 0;

  static final int MAX_TEXT = 120;

  private final int cap;
  private final Map<String, Integer> labels = new HashMap<>(); // value -> label
  private final Map<String, Integer> byText = new HashMap<>(); // clipped text -> label
  private final List<String> texts = new ArrayList<>(List.of(Aggregator.OTHER));
  private List<String> published = List.copyOf(texts);

  LabelTable(int cap) {
    this.cap = cap;
    byText.put(Aggregator.OTHER, OTHER);
  }

  /** The label of {@code value}, given one now if it is new and the cap is not reached. */
  int labelOf(String value) {
    Integer l = labels.get(value);
    if (l != null) {
      return l;
    }
    if (texts.size() > cap) {
      return OTHER; // full: nothing is remembered about values beyond the cap
    }
    String text = text(value);
    if (byText.containsKey(text)) {
      return OTHER;
    }
    int label = texts.size();
    texts.add(text);
    byText.put(text, label);
    labels.put(value, label);
    published = List.copyOf(texts);
    return label;
  }

  /** Labels given so far, {@code (other)} included. */
  int size() {
    return texts.size();
  }

  /** The text of each label, by label; immutable. */
  List<String> texts() {
    return published;
  }

  private static String text(String value) {
    if (value.isEmpty()) {
      return "(empty)"; // an empty label value would read as no label at all
    }
    return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
  }
}
