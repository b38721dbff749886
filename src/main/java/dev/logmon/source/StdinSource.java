package dev.logmon.source;

import dev.logmon.source.SourceStatus.State;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A source that follows standard input (or any stream) until end of input, for {@code logmon -}.
 *
 * <p>Unlike {@link FileReplay} it hands over complete lines after every read, so lines piped in
 * slowly (say from {@code tail -f}) reach the pipeline at once. A blocking read of {@code
 * System.in} cannot be interrupted: shut down by closing the stream or by exiting the process.
 *
 * <p>Thread-safety: {@link #run} belongs to one thread; {@link #status()} may be called from any.
 */
public final class StdinSource implements LogSource {
  /** The display name of standard input. */
  public static final String NAME = "-";

  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final TailOptions options;
  private final Consumer<String> notes;
  private final TailCounters counters;

  /**
   * Follows {@code in}; {@code options.fromStart()} is ignored, a stream is read from its start.
   */
  public StdinSource(InputStream in, TailOptions options, Consumer<String> notes) {
    this.in = Objects.requireNonNull(in, "in");
    this.options = Objects.requireNonNull(options, "options");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.counters = new TailCounters(options.displayName());
  }

  /** The latest status snapshot; callable from any thread. */
  public SourceStatus status() {
    return counters.status();
  }

  @Override
  public List<SourceStatus> statuses() {
    return List.of(status());
  }

  @Override
  public boolean finite() {
    return true;
  }

  /** Reads until end of input, as {@link #run(BatchSink)}; standard input is never polled. */
  @Override
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    run(sink);
  }

  /**
   * Reads until end of input, handing lines to {@code sink}; the final unterminated line is
   * included. A read error is noted and ends the source in state ERROR.
   *
   * @return the number of lines delivered
   */
  public long run(BatchSink sink) throws InterruptedException {
    BatchAssembler assembler =
        new BatchAssembler(options.displayName(), options.maxLineBytes(), options.maxBatchLines());
    counters.state = State.FOLLOWING;
    counters.publish();
    try {
      int n;
      while ((n = in.read(assembler.room(READ_BUFFER_BYTES), assembler.fill(), READ_BUFFER_BYTES))
          >= 0) {
        counters.bytes += n;
        assembler.filled(n, 0);
        deliver(assembler, sink);
      }
      assembler.endOfInput();
      deliver(assembler, sink);
      counters.state = State.DONE;
    } catch (IOException e) {
      counters.readErrors++;
      counters.lastError = "cannot read " + options.displayName() + ": " + e;
      counters.state = State.ERROR;
      notes.accept(counters.lastError);
    } finally {
      counters.publish();
    }
    return counters.lines;
  }

  private void deliver(BatchAssembler assembler, BatchSink sink) throws InterruptedException {
    counters.lines += assembler.deliver(sink, true);
    counters.oversizeCurrent = assembler.oversizeLines();
    counters.publish();
  }
}
