package dev.logmon.pipeline;

import dev.logmon.present.SourceView;
import dev.logmon.source.BatchSink;
import dev.logmon.source.FileReplay;
import dev.logmon.source.StdinSource;
import dev.logmon.source.TailOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replay mode: reads each file start to end, as fast as the disk allows, on the calling thread,
 * with time driven only by the log's timestamps. Files are read one after another in the order
 * given, so a second file whose lines are older than the first one's window counts them as late.
 * The path {@code -} reads standard input.
 */
public final class ReplayRun {
  private final List<Path> paths;
  private final FileReplay reader;
  private final List<SourceView> done = new CopyOnWriteArrayList<>();
  private volatile boolean stop;

  public ReplayRun(List<Path> paths, int maxLineBytes) {
    this.paths = List.copyOf(paths);
    this.reader = new FileReplay(maxLineBytes, TailOptions.DEFAULT_MAX_BATCH_LINES);
  }

  /** The files replayed so far, for presenters; callable from any thread. */
  public List<SourceView> sources() {
    return new ArrayList<>(done);
  }

  /** Asks a running replay to stop after the batch in hand; it then prints the summary. */
  public void stop() {
    stop = true;
  }

  /** Replays every file through the monitor (until {@link #stop()}), then prints the summary. */
  public void run(Monitor monitor) throws IOException {
    BatchSink sink =
        batch -> {
          if (stop) {
            throw new InterruptedException("replay stopped");
          }
          monitor.accept(batch);
        };
    try {
      for (Path p : paths) {
        if (p.toString().equals(StdinSource.NAME)) {
          long lines = reader.replay(System.in, StdinSource.NAME, sink);
          done.add(new SourceView(StdinSource.NAME, "done", lines, 0, 0, 0, 0, 0, null));
        } else {
          long lines = reader.replay(p, sink);
          done.add(new SourceView(p.toString(), "done", lines, Files.size(p), 0, 0, 0, 0, null));
        }
      }
    } catch (InterruptedException e) {
      // stopped: the summary below covers what was read
    }
    monitor.finish();
  }
}
