package dev.logmon.pipeline;

import dev.logmon.parse.ChunkParser;
import dev.logmon.parse.ParsedLines;
import dev.logmon.source.LineBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Replays a stream at full speed on every core: the calling thread reads it in chunks cut at line
 * boundaries, a pool parses chunks in parallel into {@link ParsedLines} (with the monitor's parser
 * for the source; a parser that reads in order, such as W3C's, parses on the calling thread), and
 * the calling thread counts each chunk's lines in file order through the {@link Monitor}.
 *
 * <p>Memory is bounded: {@code slots} chunk buffers (a few MiB each) are reused in turn, and a
 * chunk is read only when the slot's previous chunk has been counted. A line longer than the line
 * cap is cut as the line splitter cuts it and the rest skipped to its newline. Not thread-safe: one
 * replay at a time per instance; {@link #close()} stops the pool.
 */
final class ChunkedReplay implements AutoCloseable {
  /** Bytes read per chunk by default: large enough to amortise a task, small enough to share. */
  static final int CHUNK_BYTES = 4 << 20;

  private final int maxLineBytes;
  private final int chunkBytes;
  private final ExecutorService pool;
  private final byte[][] buffers;
  private final ParsedLines[] parsed;
  // Each slot's intake (filters, runs of one second, tallies), run by the task that parsed the
  // slot's chunk; made per replay from the monitor's settings.
  private ChunkIntake[] intakes;
  // Of the last replay: lines over the cap, and whether it read to the end (not stopped early).
  private long oversizeLines;
  private boolean complete;

  /** A replay reading about {@code chunkBytes} at a time (at least two capped lines' worth). */
  ChunkedReplay(int maxLineBytes, int threads, int chunkBytes) {
    this.maxLineBytes = maxLineBytes;
    long atLeast = Math.max(chunkBytes, 2L * (maxLineBytes + 2));
    this.chunkBytes = (int) Math.min(Integer.MAX_VALUE - 16, atLeast);
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "logmon-parse");
              t.setDaemon(true);
              return t;
            });
    int slots = threads + 2;
    this.buffers = new byte[slots][];
    this.parsed = new ParsedLines[slots];
    for (int i = 0; i < slots; i++) {
      parsed[i] = new ParsedLines();
    }
  }

  /**
   * Reads {@code in} into the monitor until its end or until {@code stop} says so (checked per
   * chunk; chunks already read are still counted); returns the number of lines counted.
   */
  long replay(ReadableByteChannel in, String name, Monitor monitor, BooleanSupplier stop)
      throws IOException {
    ChunkParser parser = begin(name, monitor);
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    long[] lines = {1};
    byte[] previous = null;
    int carryFrom = 0;
    int carryTo = 0;
    boolean skipping = false;
    boolean eof = false;
    IOException failure = null;
    for (int k = 0; !eof && !stop.getAsBoolean(); k++) {
      int slot = k % buffers.length;
      // A slot's buffer and rows are reused only once the chunk that had them is counted (not
      // always the oldest pending one: a chunk inside an over-long line submits nothing).
      while (inUse(pending, slot)) {
        count(pending.removeFirst(), name, monitor, lines);
      }
      if (buffers[slot] == null) {
        buffers[slot] = new byte[chunkBytes];
      }
      byte[] buf = buffers[slot];
      int len = carryTo - carryFrom;
      if (len > 0) {
        System.arraycopy(previous, carryFrom, buf, 0, len);
      }
      try {
        int r;
        while (len < buf.length
            && (r = in.read(ByteBuffer.wrap(buf, len, buf.length - len))) >= 0) {
          len += r;
        }
        eof = len < buf.length;
      } catch (IOException e) {
        // A read error (a truncated gzip) ends the file here: every byte read so far is counted,
        // as at the end of a file, and the error is reported after.
        failure = e;
        eof = true;
      }
      int from = 0;
      if (skipping) {
        int nl = LineBytes.nextNewline(buf, 0, len);
        skipping = nl < 0 && !eof;
        from = nl < 0 ? len : nl + 1;
      }
      int cut = eof ? len : Math.max(from, LineBytes.lastNewline(buf, from, len) + 1);
      previous = buf;
      carryFrom = cut;
      carryTo = eof ? cut : len;
      if (cut > from) {
        int start = from;
        boolean end = eof;
        submit(parser, pending, slot, out -> parser.parse(buf, start, cut, end, out));
      }
      if (carryTo - carryFrom > chunkBytes / 2) {
        // The unfinished line is already over the cap: count its cut now, skip the rest of it.
        ParsedLines out = parsed[(slot + 1) % buffers.length];
        ChunkIntake intake = intakes[(slot + 1) % buffers.length];
        drainFor(pending, name, monitor, lines);
        byte[] one = java.util.Arrays.copyOfRange(buf, carryFrom, carryFrom + maxLineBytes + 2);
        parser.parse(one, 0, one.length, true, out);
        intake.prepare(out);
        count(out, intake, name, monitor, lines);
        skipping = true;
        carryFrom = carryTo = 0;
      }
    }
    drainFor(pending, name, monitor, lines);
    if (failure != null) {
      throw new PartialReadException(lines[0] - 1, failure);
    }
    complete = eof;
    return lines[0] - 1;
  }

  /**
   * Reads the first {@code size} bytes of the regular file {@code file} into the monitor (until
   * {@code stop} says so) and returns the number of lines counted, with the same lines, in the same
   * order, as {@link #replay}; bytes appended after {@code size} are not read.
   *
   * <p>Unlike {@link #replay}, the pool's threads also read: chunk {@code k} is the byte range
   * {@code [k * chunkBytes, (k + 1) * chunkBytes)}, and its task reads it with positional reads and
   * parses the lines that start in it (the last of them read on past the range's end, at most as
   * far as the line cap). The copy out of the page cache is a tenth of a replay's work and the
   * counting thread has the least time to spare, so it only counts.
   */
  long replayFile(FileChannel file, long size, String name, Monitor monitor, BooleanSupplier stop)
      throws IOException {
    ChunkParser parser = begin(name, monitor);
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    long[] lines = {1};
    long chunks = (size + chunkBytes - 1) / chunkBytes;
    long k = 0;
    try {
      for (; k < chunks && !stop.getAsBoolean(); k++) {
        int slot = (int) (k % buffers.length);
        while (inUse(pending, slot)) {
          count(pending.removeFirst(), name, monitor, lines);
        }
        // Room for the range, the byte before it and the rest of its last line up to the cap.
        int room = chunkBytes + maxLineBytes + 3;
        if (buffers[slot] == null || buffers[slot].length < room) {
          buffers[slot] = new byte[room];
        }
        byte[] buf = buffers[slot];
        long from = k * chunkBytes;
        long to = Math.min(size, from + chunkBytes);
        submit(
            parser,
            pending,
            slot,
            out -> readAndParse(parser, file, from, to, to >= size, buf, out));
      }
      drainFor(pending, name, monitor, lines);
      complete = k == chunks;
    } catch (ReadFailed e) {
      // Every chunk before the failed one was counted (chunks are counted in order); the rest is
      // dropped, as a sequential read would have stopped there.
      for (Pending p : pending) {
        p.parsed().cancel(true);
      }
      throw new PartialReadException(lines[0] - 1, e.getCause());
    }
    return lines[0] - 1;
  }

  /** Reads chunk {@code [from, to)} of the file and parses the lines that start in it. */
  private void readAndParse(
      ChunkParser parser,
      FileChannel file,
      long from,
      long to,
      boolean last,
      byte[] buf,
      ParsedLines out)
      throws IOException {
    long readFrom = from == 0 ? 0 : from - 1; // the byte before says whether a line starts at from
    int n = readAt(file, readFrom, buf, 0, (int) (to - readFrom));
    boolean end = last || n < to - readFrom; // shorter: the file was cut while being read
    int start = 0;
    if (from > 0) {
      int nl = LineBytes.nextNewline(buf, 0, n);
      start = nl < 0 ? n : nl + 1; // no newline: inside a line that started before the range
    }
    if (start >= n) {
      parser.parse(buf, 0, 0, true, out); // no line starts in the range
      return;
    }
    if (end || buf[n - 1] == '\n') {
      parser.parse(buf, start, n, end, out);
      return;
    }
    // The range's last line goes on after it: read on to its newline, or to where the line cap
    // cuts it (the rest is skipped by the next chunk, which starts after that newline).
    int lastStart = LineBytes.lastNewline(buf, start, n) + 1;
    if (lastStart == 0) {
      lastStart = start;
    }
    int limit = lastStart + maxLineBytes + 2;
    int have = n;
    int step = 4096;
    while (have < limit) {
      int r = readAt(file, readFrom + have, buf, have, Math.min(step, limit - have));
      int nl = LineBytes.nextNewline(buf, have, have + r);
      have += r;
      if (nl >= 0) {
        parser.parse(buf, start, nl + 1, false, out);
        return;
      }
      if (r == 0) {
        break; // the end of the file: the last line has no newline
      }
      step = Math.min(step * 2, 1 << 20);
    }
    parser.parse(buf, start, have, true, out);
  }

  /** Reads up to {@code len} bytes at {@code position} into {@code buf}; fewer only at the end. */
  private static int readAt(FileChannel file, long position, byte[] buf, int off, int len)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, off, len);
    try {
      while (b.hasRemaining()) {
        if (file.read(b, position + b.position() - off) < 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new ReadFailed(e);
    }
    return b.position() - off;
  }

  /** A read error in a pool thread, carried to the counting thread in its task's future. */
  private static final class ReadFailed extends RuntimeException {
    ReadFailed(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Starts a replay of {@code name}: its parser, a fresh intake per slot, no lines counted. */
  private ChunkParser begin(String name, Monitor monitor) {
    oversizeLines = 0;
    complete = false;
    ChunkParser parser = monitor.chunkParserFor(name, maxLineBytes);
    intakes = new ChunkIntake[buffers.length];
    for (int i = 0; i < intakes.length; i++) {
      intakes[i] = monitor.newIntake();
    }
    return parser;
  }

  /** A chunk handed to the pool, and the slot whose buffer and rows it uses. */
  private record Pending(int slot, Future<ParsedLines> parsed) {}

  private static boolean inUse(ArrayDeque<Pending> pending, int slot) {
    for (Pending p : pending) {
      if (p.slot() == slot) {
        return true;
      }
    }
    return false;
  }

  /** How a chunk's task fills its slot's rows. */
  private interface Parse {
    void into(ParsedLines out) throws IOException;
  }

  /** Hands the chunk of {@code slot} to {@link #start}: parsed by {@code parse}, then prepared. */
  private void submit(ChunkParser parser, ArrayDeque<Pending> pending, int slot, Parse parse) {
    ParsedLines out = parsed[slot];
    pending.addLast(
        new Pending(
            slot,
            start(
                parser,
                () -> {
                  parse.into(out);
                  intakes[slot].prepare(out);
                  return out;
                })));
  }

  /**
   * Starts a chunk's task: in the pool when the parser may read chunks in parallel, else at once on
   * this thread (every earlier chunk of the source was parsed on it too, in order).
   */
  private Future<ParsedLines> start(ChunkParser parser, Callable<ParsedLines> task) {
    if (parser.rows().parallel()) {
      return pool.submit(task);
    }
    try {
      return CompletableFuture.completedFuture(task.call());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Lines over the cap in the last replay (counted as oversize, not parsed). */
  long oversizeLines() {
    return oversizeLines;
  }

  /** Whether the last replay read its input to the end, rather than being stopped. */
  boolean complete() {
    return complete;
  }

  private void drainFor(ArrayDeque<Pending> pending, String name, Monitor monitor, long[] lines) {
    while (!pending.isEmpty()) {
      count(pending.removeFirst(), name, monitor, lines);
    }
  }

  private void count(Pending c, String name, Monitor monitor, long[] lines) {
    ParsedLines p;
    try {
      p = c.parsed().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while replaying " + name, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReadFailed r) {
        throw r;
      }
      throw new IllegalStateException("parsing " + name + " failed", e.getCause());
    }
    count(p, intakes[c.slot()], name, monitor, lines);
  }

  private void count(
      ParsedLines p, ChunkIntake intake, String name, Monitor monitor, long[] lines) {
    monitor.accept(p, intake, name, lines[0]);
    lines[0] += p.size();
    oversizeLines += p.oversizeLines();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
