package dev.logmon.pipeline;

import dev.logmon.source.FilePosition;
import dev.logmon.source.LineBatch;
import dev.logmon.source.SavedPositions;
import dev.logmon.source.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The committed read positions behind {@code --state}: where each file stands in lines already
 * counted (one entry per file: {@link SavedPositions}), saved to the state file every {@link
 * #SAVE_EVERY_SECONDS} and at the end of a run.
 *
 * <p>Positions come from batches after {@link Monitor#accept} has counted them, never from what a
 * watcher has merely read, so a stop between reading and counting loses nothing: those lines are
 * read again. Entries of files not watched in this run are kept while their files exist; those of
 * files gone for good are dropped ({@link StateFile#removeGone}) at most every {@link
 * #PRUNE_EVERY_SECONDS} and at the final save. A failed save is noted once per kind of error and
 * retried at the next save. Not thread-safe: belongs to the pipeline thread.
 */
public final class Checkpoints {
  /** How often, in seconds of wall clock, changed positions are written. */
  static final long SAVE_EVERY_SECONDS = 5;

  /** How often, in seconds of wall clock, entries of files gone for good are looked for. */
  static final long PRUNE_EVERY_SECONDS = 60;

  private final Path file;
  private final Consumer<String> notes;
  private final SavedPositions committed;
  private boolean dirty;
  private long lastSave = Long.MIN_VALUE;
  private long lastPrune = Long.MIN_VALUE;
  private String lastError;
  private Companion companion;

  /** Something saved with the positions, just before them ({@code --persist}'s history). */
  public interface Companion {
    void save() throws IOException;
  }

  /**
   * Saves {@code c} before every save of the positions, and the positions only once it succeeded: a
   * crash in between leaves the companion ahead of the positions by at most one save.
   */
  public void saveWith(Companion c) {
    this.companion = c;
  }

  /** Checkpoints saved to {@code file}, starting from the positions {@code saved} there. */
  public Checkpoints(Path file, Map<String, FilePosition> saved, Consumer<String> notes) {
    this.file = Objects.requireNonNull(file, "file");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.committed = new SavedPositions(saved);
  }

  /** Records the position after {@code batch}; call only once the batch has been counted. */
  public void commit(LineBatch batch) {
    FilePosition end = batch.end();
    if (end != null && committed.record(end)) {
      dirty = true;
    }
  }

  /** Saves if positions changed and the last save is {@link #SAVE_EVERY_SECONDS} old. */
  public void maybeSave(long wallSecond) {
    if (dirty && (lastSave == Long.MIN_VALUE || wallSecond - lastSave >= SAVE_EVERY_SECONDS)) {
      lastSave = wallSecond;
      boolean prune = lastPrune == Long.MIN_VALUE || wallSecond - lastPrune >= PRUNE_EVERY_SECONDS;
      if (prune) {
        lastPrune = wallSecond;
      }
      save(prune);
    }
  }

  /** Drops the entries of files gone for good, then saves if anything changed (the final save). */
  public void save() {
    save(true);
  }

  private void save(boolean prune) {
    if (prune && committed.removeGone() > 0) {
      dirty = true;
    }
    if (!dirty) {
      return;
    }
    try {
      if (companion != null) {
        companion.save();
      }
      StateFile.write(file, committed.entries());
      dirty = false;
      lastError = null;
    } catch (IOException e) {
      // The message names a random temporary file; the kind of failure tells repeats apart.
      String kind = e.getClass().getName();
      if (!kind.equals(lastError)) {
        notes.accept("cannot save state file " + file + ": " + e);
        lastError = kind;
      }
    }
  }

  /** The committed position of {@code path}, or null; for tests. */
  FilePosition committed(String path) {
    return committed.entries().get(path);
  }
}
