package dev.logmon.pipeline;

import dev.logmon.present.SourceView;
import dev.logmon.source.StdinSource;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replay mode: reads each file start to end, as fast as the disk and the cores allow, with time
 * driven only by the log's timestamps. Chunks are parsed in parallel ({@link ChunkedReplay}) and
 * counted in file order on the calling thread. Files are read one after another in the order given,
 * so a second file whose lines are older than the first one's window counts them as late. The path
 * {@code -} reads standard input.
 */
public final class ReplayRun {
  private final List<Path> paths;
  private final int maxLineBytes;
  private final int threads;
  private final int chunkBytes;
  private final List<SourceView> done = new CopyOnWriteArrayList<>();

  public ReplayRun(List<Path> paths, int maxLineBytes) {
    this(paths, maxLineBytes, Runtime.getRuntime().availableProcessors());
  }

  /** A replay that parses on {@code threads} threads besides the calling one. */
  public ReplayRun(List<Path> paths, int maxLineBytes, int threads) {
    this(paths, maxLineBytes, threads, ChunkedReplay.CHUNK_BYTES);
  }

  /** As above, reading {@code chunkBytes} at a time (tests use tiny chunks to cut lines often). */
  ReplayRun(List<Path> paths, int maxLineBytes, int threads, int chunkBytes) {
    this.paths = List.copyOf(paths);
    this.maxLineBytes = maxLineBytes;
    this.threads = Math.max(1, threads);
    this.chunkBytes = chunkBytes;
  }

  /** The files replayed so far, for presenters; callable from any thread. */
  public List<SourceView> sources() {
    return new ArrayList<>(done);
  }

  /** Replays every file through the monitor, then prints the summary. */
  public void run(Monitor monitor) throws IOException {
    try (ChunkedReplay replay = new ChunkedReplay(maxLineBytes, threads, chunkBytes)) {
      for (Path p : paths) {
        if (p.toString().equals(StdinSource.NAME)) {
          long lines = replay.replay(Channels.newChannel(System.in), StdinSource.NAME, monitor);
          done.add(new SourceView(StdinSource.NAME, "done", lines, 0, 0, 0, 0, 0, null));
        } else {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long lines = replay.replay(ch, p.toString(), monitor);
            done.add(new SourceView(p.toString(), "done", lines, ch.size(), 0, 0, 0, 0, null));
          }
        }
      }
    }
    monitor.finish();
  }
}
