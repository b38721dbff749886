package dev.logmon.aggregate;

import dev.logmon.parse.ParsedLines;
import java.util.Arrays;

/**
 * The metrics labels of the run being counted, by the chunk's own key numbers ({@link
 * ParsedLines#sectionKey}, {@link ParsedLines#methodKey}): the aggregator resolves each distinct
 * key of a run once, and every row of the run then finds its labels by array indexing.
 *
 * <p>Only the keys of the run just set are valid, and every row of a run has one of them, so
 * nothing is ever cleared. Not thread-safe: owned by the aggregator's thread.
 */
final class ChunkLabels {
  // Read directly by RequestCounters.addRows, the loop over every row of a replay.
  int[] sections = new int[256];
  int[] placeholders = new int[8];
  int[] methods = new int[16];
  int noMethod;

  /** Row {@code row}'s section (and every row with the same section) has label {@code label}. */
  void section(ParsedLines l, int row, int label) {
    int start = l.sectionStart(row);
    if (start < 0) {
      int p = -start - 1;
      if (p >= placeholders.length) {
        placeholders = Arrays.copyOf(placeholders, p + 1);
      }
      placeholders[p] = label;
    } else {
      int k = l.sectionKey(row);
      if (k >= sections.length) {
        sections = Arrays.copyOf(sections, Math.max(k + 1, sections.length * 2));
      }
      sections[k] = label;
    }
  }

  /** Row {@code row}'s method (and every row with the same method) has label {@code label}. */
  void method(ParsedLines l, int row, int label) {
    if (l.requestMalformed(row)) {
      noMethod = label;
    } else {
      int k = l.methodKey(row);
      if (k >= methods.length) {
        methods = Arrays.copyOf(methods, Math.max(k + 1, methods.length * 2));
      }
      methods[k] = label;
    }
  }

  /** The section label of row {@code i} of the run whose keys were just set. */
  int section(ParsedLines l, int i) {
    int start = l.sectionStart(i);
    return start < 0 ? placeholders[-start - 1] : sections[l.sectionKey(i)];
  }

  /** The method label of row {@code i} of the run whose keys were just set. */
  int method(ParsedLines l, int i) {
    return l.requestMalformed(i) ? noMethod : methods[l.methodKey(i)];
  }
}
