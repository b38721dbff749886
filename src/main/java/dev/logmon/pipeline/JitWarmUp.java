package dev.logmon.pipeline;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;

import dev.logmon.parse.ByteTimestamp;
import dev.logmon.present.CompositePresenter;
import dev.logmon.present.Presenter;
import dev.logmon.source.BoundedBatchQueue;
import dev.logmon.source.DescriptorLimit;
import dev.logmon.source.FileTailer;
import dev.logmon.source.LineBatch;
import dev.logmon.source.TailOptions;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs follow mode's path (a file's reads, batches, parser, counting, breakdowns, alerts, snapshots
 * and output) over synthetic Combined lines on a twin of the run's monitor before the pipeline
 * takes its first batch, so that a busy file's first bursts meet compiled code, not the
 * interpreter.
 *
 * <p>The lines and batches vary as real traffic does: C2 compiles only the branches it has seen
 * taken, and the first real line taking another sends the method back through C2 (bench/README.md).
 */
final class JitWarmUp {
  /** Synthetic lines: enough for C1 to compile every method on the path, about 0.1-0.2 s. */
  static final int LINES = 60_000;

  /** Lines per second of log time: a second's lines span several of the small batches. */
  static final int PER_SECOND = 100;

  /**
   * Batch sizes: mostly small batches, so that what runs once a batch or once a second's run is
   * called often; every {@link #SMALL_PER_LARGE}th is a large batch, so that the per-batch tables
   * grow as a busy file's do.
   */
  static final int LARGE = 2048; // read in two reads of 256 KiB, as a burst of a busy file is

  private static final int SMALL = 8;
  private static final int SMALL_PER_LARGE = 64;

  /** A view is published every few batches, as when the queue drains between bursts. */
  private static final int PUBLISH_EVERY = 8;

  /** The longest the warm-up waits for compiles, in all (under load the compilers lag). */
  static final long COMPILE_WAIT_MILLIS = 3000;

  /** Batches of {@link #TINY} lines a top-up round: enough calls to queue a per-batch method. */
  static final int TOP_UP_BATCHES = 1_100;

  private static final int TINY = 2;

  /** Then bursts of {@link #LARGE} lines a second, for the loops over a batch's rows and keys. */
  static final int BURSTS = 16;

  private static final long FILE_BYTES = 2 << 20; // the tail's file is emptied past this size

  /** At most this many top-up rounds (the deadline bounds them too). */
  static final int TOP_UPS = 5;

  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE"};
  private static final String[] SECTIONS = {
    "/", "/api/users", "/static/app.js", "/blog/post/2", "/login", "/images/a.png", "/search"
  };
  // Not in order: a table keyed by code (History's) then meets a code below those it holds, as
  // real traffic does at once (in order, C2 compiled its tree walk as never going left).
  private static final int[] STATUSES = {200, 404, 200, 301, 500, 200, 304, 201, 503, 302, 403};
  private static final String[] REFERRERS = {
    "-",
    "-",
    "https://www.example.com/",
    "https://www.example.com/blog/",
    "-",
    "https://search.example.net/?q=x",
    "https://www.example.com/login",
    "https://m.example.org/a"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "curl/8.4.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "python-requests/2.31.0",
    "-",
    // No browser's or tool's token: the family "Other", a branch the feed's first such agent would
    // otherwise send back to the interpreter, with the breakdowns' whole counting compiled into it.
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
  };

  private JitWarmUp() {}

  /**
   * Runs the warm-up on monitors {@code twin} makes; touches no shared state. A second, shorter
   * round on a new twin meets new, empty tables growing, as the run's own monitor will.
   *
   * <p>Then top-up rounds, each once the compile queue has drained, until one queues no compile:
   * while the queue is long HotSpot raises the counts a method needs to be queued for C2, so the
   * methods would otherwise still be queued by the first real lines (bench/README.md). Each round
   * ends with a new twin's bursts of {@link #LARGE} lines a second, as a busy file's.
   *
   * <p>It ends within a batch once {@code stopped} says so: a stop (Ctrl-C, SIGTERM) during the
   * warm-up, up to 3 s on a busy machine, must not wait for it. Its temporary file is made in
   * {@code scratch} (the JVM's temporary directory but for tests).
   */
  static void run(Function<Presenter, Monitor> twin, BooleanSupplier stopped, Path scratch) {
    Presenter discard = new CompositePresenter(List.of());
    Tail made = null;
    try {
      made = new Tail(Files.createTempFile(scratch, "logmon-warm-up-", ".log"));
    } catch (IOException e) {
      // No temporary file (a read-only /tmp): the lines are handed over directly.
    }
    Text text = Text.of(LINES, PER_SECOND);
    Text bursts = Text.of(BURSTS * LARGE, LARGE);
    try (Tail tail = made) {
      run(twin.apply(discard), text, LINES, SMALL, SMALL_PER_LARGE, tail, stopped);
      if (stopped.getAsBoolean()) {
        return;
      }
      run(twin.apply(discard), text, LINES / 3, SMALL, SMALL_PER_LARGE, tail, stopped);
      long deadline = System.nanoTime() + COMPILE_WAIT_MILLIS * 1_000_000L;
      BooleanSupplier late = () -> stopped.getAsBoolean() || System.nanoTime() > deadline;
      awaitCompiles(deadline, stopped);
      for (int round = 0; round < TOP_UPS && !late.getAsBoolean(); round++) {
        long before = compileMillis();
        run(twin.apply(discard), text, TOP_UP_BATCHES * TINY, TINY, Integer.MAX_VALUE, tail, late);
        run(twin.apply(discard), bursts, BURSTS * LARGE, LARGE, 1, tail, late);
        awaitCompiles(deadline, stopped);
        if (compileMillis() == before) {
          break; // the round queued no compile: the path is compiled as the run will use it
        }
      }
    } catch (IOException e) {
      // The temporary file failed (a full disk): the warm-up only saves time, so it ends here.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until no compile has ended for 100 ms, or until {@code deadline} ({@link
   * System#nanoTime}): the compiles the warm-up queued land now rather than under the first real
   * lines.
   */
  static void awaitCompiles(long deadline, BooleanSupplier stopped) {
    long last = -1;
    int still = 0;
    try {
      while (System.nanoTime() < deadline && still < 5 && !stopped.getAsBoolean()) {
        Thread.sleep(20);
        long millis = compileMillis();
        still = millis == last ? still + 1 : 0;
        last = millis;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The time the JIT compilers have spent on the compiles that have ended, in milliseconds. */
  private static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit == null ? 0 : jit.getTotalCompilationTime(); // none under -Xint: no wait
  }

  /**
   * Runs the first {@code lines} of {@code text} through {@code m}, or fewer once {@code stopped}
   * says so, in batches of {@code small} lines and every {@code largeEvery}th of {@link #LARGE}:
   * through {@code tail}, so that the watcher's path and the queue are compiled too, or directly
   * without one.
   */
  private static void run(
      Monitor m,
      Text text,
      int lines,
      int small,
      int largeEvery,
      Tail tail,
      BooleanSupplier stopped)
      throws IOException, InterruptedException {
    long start = 946_684_800L; // 2000-01-01T00:00:00Z
    m.startAt(start);
    int read = 0;
    for (int k = 0; read < lines && !stopped.getAsBoolean(); k++) {
      int count = Math.min(k % largeEvery == 0 ? LARGE : small, lines - read);
      int from = text.starts()[read];
      int to = text.starts()[read + count];
      // A wall clock keeping up with the lines: at a batch's first line, or at its last (then its
      // earlier lines fall in seconds already completed, as a burst read just after a second ends).
      m.tick(start + (k % 2 == 0 ? read + count - 1 : read) / text.perSecond());
      if (tail == null) {
        byte[] batch = Arrays.copyOfRange(text.bytes(), from, to);
        m.accept(
            new LineBatch("(warm-up)", read + 1, batch, batch.length, count, null, new int[0]));
      } else {
        tail.pass(text.bytes(), from, to, m);
      }
      if (k % PUBLISH_EVERY == 0) {
        m.publish();
      }
      read += count;
    }
    m.tick(start + read / text.perSecond() + 1);
  }

  /**
   * A throwaway tailer of a temporary file, with its queue: what is appended is read back by {@link
   * FileTailer#pollOnce} and counted as {@code FollowRun} counts it. The file is deleted at the
   * end.
   */
  private static final class Tail implements AutoCloseable {
    private final FileTailer tailer;
    private final BoundedBatchQueue queue = new BoundedBatchQueue(FollowRun.QUEUE_BYTES);

    Tail(Path file) {
      tailer =
          new FileTailer(file, TailOptions.follow("(w)"), n -> {}, null, new DescriptorLimit());
      tailer.start();
    }

    void pass(byte[] text, int from, int to, Monitor m) throws IOException, InterruptedException {
      boolean full = Files.size(tailer.path()) > FILE_BYTES;
      Files.write(
          tailer.path(), Arrays.copyOfRange(text, from, to), full ? TRUNCATE_EXISTING : APPEND);
      tailer.pollOnce(queue);
      LineBatch b = queue.poll(0, TimeUnit.MILLISECONDS);
      if (b != null) { // as FollowRun takes them: one, then whatever else is waiting
        List<LineBatch> batches = new ArrayList<>(List.of(b));
        queue.drainTo(batches);
        batches.forEach(m::accept);
      }
    }

    @Override
    public void close() throws IOException {
      tailer.close();
      Files.delete(tailer.path());
    }
  }

  /**
   * The warm-up's lines as bytes, with where each begins ({@code starts[n]} ends the last): made
   * once, so that cutting them into batches is no loop over their bytes (which the JIT would
   * compile for the warm-up alone).
   */
  @SuppressWarnings("ArrayRecordComponent") // made once, never compared
  private record Text(byte[] bytes, int perSecond, int[] starts) {
    /** {@code n} varied Combined lines, {@code perSecond} per second of log time. */
    static Text of(int n, int perSecond) {
      byte[] bytes = lines(n, perSecond).getBytes(StandardCharsets.UTF_8);
      int[] starts = new int[n + 1];
      for (int i = 0, line = 1; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          starts[line++] = i + 1;
        }
      }
      return new Text(bytes, perSecond, starts);
    }
  }

  /** {@code n} varied Combined lines, {@code perSecond} per second of log time. */
  private static String lines(int n, int perSecond) {
    StringBuilder s = new StringBuilder(n * 160);
    for (int i = 0; i < n; i++) {
      int second = i / perSecond;
      if (i % 997 == 0) {
        s.append("a line that is no access log line\n");
        continue;
      }
      if (i % 3 == 1) { // a few busy clients, seen again within each second
        s.append("192.0.2.").append(i % 5);
      } else if (i % 13 == 0) {
        s.append("2001:db8::").append(Integer.toHexString(i % 4096));
      } else {
        s.append("10.").append(i % 7).append('.').append(i % 251).append('.').append(i % 13);
      }
      if (i % 97 == 5) {
        // A late line now and then, in each month in turn: the run's lines are in this month, and
        // lines of January alone compiled the month's parsing and the calendar for January only.
        int month = 3 * (i / 97 % 12);
        s.append(" - - [15/").append(ByteTimestamp.MONTHS, month, month + 3);
        s.append("/1999:12:00:00 +0000] \"");
      } else {
        s.append(i % 11 == 0 ? " - frank [01/Jan/2000:00:" : " - - [01/Jan/2000:00:")
            .append(second / 60 < 10 ? "0" : "")
            .append(second / 60)
            .append(':')
            .append(second % 60 < 10 ? "0" : "")
            .append(second % 60)
            .append(" +0000] \"");
      }
      s.append(METHODS[i % METHODS.length])
          .append(' ')
          .append(SECTIONS[i % SECTIONS.length])
          // Paths keep coming, as on a real site: the breakdowns' sketches grow all along.
          .append(i % 2 == 0 && i % SECTIONS.length != 0 ? "/" + second % 400 : "")
          .append(i % 3 == 0 ? "?i=" + i : "")
          .append(i % 1009 == 0 ? "/caf\u00e9" : "")
          .append(" HTTP/1.1\" ");
      int status = STATUSES[i % STATUSES.length];
      s.append(status).append(' ');
      if (status == 304 || i % 17 == 0) {
        s.append('-');
      } else {
        s.append(i % 50_000);
      }
      s.append(" \"")
          .append(REFERRERS[(i / 2) % REFERRERS.length])
          .append("\" \"")
          // New agents keep coming too (new versions, new bots), not only the few seen before.
          .append(
              i % 251 == 0
                  ? "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0." + i
                  : AGENTS[(i / 3) % AGENTS.length])
          .append("\"\n");
    }
    return s.toString();
  }
}
