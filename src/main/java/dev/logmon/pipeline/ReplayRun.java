package dev.logmon.pipeline;

import dev.logmon.present.SourceView;
import dev.logmon.source.LogFiles;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.SourceStatus.State;
import dev.logmon.source.StdinSource;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replay mode: reads each file start to end, as fast as the disk and the cores allow, with time
 * driven only by the log's timestamps. Every file is parsed from bytes in chunks ({@link
 * ChunkedReplay}) with the monitor's parser, in parallel when that parser allows it, and counted in
 * file order on the calling thread. Files are read one after another in the order given, so a
 * second file whose lines are older than the first one's window counts them as late. The path
 * {@code -} reads standard input.
 */
public final class ReplayRun {
  private final List<Path> paths;
  private final int maxLineBytes;
  private final int threads;
  private final int chunkBytes;
  private final List<SourceView> done = new CopyOnWriteArrayList<>();
  private volatile boolean stop;
  private volatile Monitor running;
  private boolean incomplete;
  private boolean positional = true;

  /** A replay that parses on every core. */
  public ReplayRun(List<Path> paths, int maxLineBytes) {
    this(paths, maxLineBytes, Runtime.getRuntime().availableProcessors());
  }

  /** A replay that parses on {@code threads} threads. */
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

  /**
   * Reads plain files as a stream, as gzip files and standard input are, instead of by positional
   * reads in the parse threads (tests: both ways must count the same); returns this run.
   */
  ReplayRun sequentialReads() {
    positional = false;
    return this;
  }

  /** The files replayed so far, for presenters; callable from any thread. */
  public List<SourceView> sources() {
    return new ArrayList<>(done);
  }

  /**
   * Asks a running replay to stop after the chunk in hand (whose lines are still counted, without
   * completing any more seconds); it then prints the summary.
   */
  public void stop() {
    stop = true;
    Monitor m = running;
    if (m != null) {
      m.requestStop();
    }
  }

  /**
   * Whether a file could not be read to its end (a truncated gzip, a read error); the others were
   * still replayed and the summary printed.
   */
  public boolean incomplete() {
    return incomplete;
  }

  /** Replays every file through the monitor (until {@link #stop()}), then prints the summary. */
  public void run(Monitor monitor) throws IOException {
    running = monitor;
    if (stop) {
      monitor.requestStop();
    }
    try (ChunkedReplay replay = new ChunkedReplay(maxLineBytes, threads, chunkBytes)) {
      for (Path p : paths) {
        if (stop) {
          break;
        }
        boolean stdin = p.toString().equals(StdinSource.NAME);
        Counted counted = new Counted();
        String error = null;
        try {
          replayOne(replay, p, stdin, monitor, counted);
        } catch (PartialReadException e) {
          counted.lines = e.lines();
          error = describe(e);
        } catch (IOException e) {
          error = describe(e);
        }
        long size = stdin ? 0 : sizeOf(p);
        int failed = error == null ? 0 : 1;
        SourceStatus status =
            new SourceStatus(
                p.toString(),
                failed == 0 ? State.DONE : State.ERROR,
                counted.lines,
                size,
                0,
                0,
                counted.oversize,
                failed,
                error);
        if (error != null) {
          incomplete = true;
          monitor.note(p + ": read failed after " + counted.lines + " lines: " + error);
        }
        // A file the stop cut short is not "done": the summary covers only what was read of it.
        done.add(
            error == null && !counted.complete
                ? new SourceView(status, "stopped", 0)
                : SourceView.of(status));
      }
    }
    monitor.finish();
  }

  /**
   * What was counted of one file: lines, lines over the cap, and whether it was read to its end.
   */
  private static final class Counted {
    long lines;
    long oversize;
    boolean complete;
  }

  private void replayOne(
      ChunkedReplay replay, Path p, boolean stdin, Monitor monitor, Counted counted)
      throws IOException {
    try {
      if (stdin) {
        counted.lines =
            replay.replay(Channels.newChannel(System.in), StdinSource.NAME, monitor, () -> stop);
      } else {
        try (ReadableByteChannel ch = LogFiles.channel(p)) {
          counted.lines =
              positional && ch instanceof FileChannel file && Files.isRegularFile(p)
                  ? replay.replayFile(file, file.size(), p.toString(), monitor, () -> stop)
                  : replay.replay(ch, p.toString(), monitor, () -> stop);
        }
      }
      counted.complete = replay.complete();
    } finally {
      counted.oversize = replay.oversizeLines();
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
