package dev.logmon.present.tui;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes ({@code logmon: ...} warnings) held back while the dashboard owns the terminal, and printed
 * on stderr once it is restored; text on stderr would otherwise scribble over the screen.
 *
 * <p>Thread-safe: watcher threads and the pipeline thread add, the dashboard thread reads. Bounded:
 * past {@link #MAX} notes only a count is kept.
 */
final class HeldNotes {
  static final int MAX = 500;

  private final List<String> notes = new ArrayList<>();
  private boolean released;
  private long dropped;

  /** Holds a note; false once released, when the caller should print it itself. */
  synchronized boolean add(String message) {
    if (released) {
      return false;
    }
    if (notes.size() < MAX) {
      notes.add(message);
    } else {
      dropped++;
    }
    return true;
  }

  /** The notes held so far, oldest first. */
  synchronized List<String> all() {
    return List.copyOf(notes);
  }

  /** Prints every held note on {@code err}, once; later notes are refused. */
  synchronized void release(PrintStream err) {
    if (released) {
      return;
    }
    released = true;
    for (String n : notes) {
      err.println("logmon: " + n);
    }
    if (dropped > 0) {
      err.println("logmon: " + dropped + " more notes were not kept");
    }
    notes.clear();
    err.flush();
  }
}
