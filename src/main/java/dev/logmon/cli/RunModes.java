package dev.logmon.cli;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.LifetimeState;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.generate.DemoTraffic;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.pipeline.Checkpoints;
import dev.logmon.pipeline.FollowRun;
import dev.logmon.pipeline.HistoryFile;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.pipeline.ReplayOrder;
import dev.logmon.pipeline.ReplayRun;
import dev.logmon.present.CompositePresenter;
import dev.logmon.present.Presenter;
import dev.logmon.present.Sanitizer;
import dev.logmon.present.report.ReportPresenter;
import dev.logmon.source.DescriptorLimit;
import dev.logmon.source.FilePosition;
import dev.logmon.source.FileTailer;
import dev.logmon.source.GlobPattern;
import dev.logmon.source.GlobWatcher;
import dev.logmon.source.LogSource;
import dev.logmon.source.StateFile;
import dev.logmon.source.StdinSource;
import dev.logmon.source.TailOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The run modes behind {@link LogmonCommand}: follow, replay and the demo, each wiring sources, the
 * monitor and the presenters from the command's validated options.
 */
final class RunModes {
  private final LogmonCommand o;
  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;

  /** Clean-ups that must run even though a signalled follow run ends with Runtime.halt. */
  private final List<Runnable> beforeExit = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The presenter that owns the terminal while a run is on, so notes go through it. */
  private volatile Presenter notesTo;

  RunModes(LogmonCommand options, PrintStream out, PrintStream err, InstantSource clock) {
    this.o = options;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** A monitor of this run's options, its notes (and its parser's) going to {@code notes}. */
  private Monitor monitor(
      Presenter presenter,
      java.util.function.Supplier<List<dev.logmon.present.SourceView>> sources,
      java.util.function.Consumer<String> notes) {
    int windowSeconds = (int) o.window.toSeconds();
    int intervalSeconds = (int) o.interval.toSeconds();
    Aggregator aggregator =
        new Aggregator(new AggregatorConfig(windowSeconds, 10, intervalSeconds, o.top));
    AlertEngine alerts = new AlertEngine(AlertRule.named(o.alertRule), o.threshold);
    if (o.latencyThreshold != null) {
      alerts.withLatencyThreshold(o.latencyThreshold.toNanos() / 1000);
    }
    ZoneOffset zone =
        OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneId.systemDefault()).getOffset();
    Monitor m =
        new Monitor(
            new MonitorConfig(
                o.replay,
                intervalSeconds,
                windowSeconds,
                o.showMalformed,
                // Live views want a snapshot every second; replay publishes at reports only, as a
                // snapshot per second of log time would dominate a fast replay.
                (o.output.live() || o.web.enabled()) && !o.replay,
                o.maxFuture.toSeconds(),
                o.filters.filters(),
                o.sectionDepth,
                o.breakdowns),
            LogFormats.parser(o.format, notes),
            aggregator,
            alerts,
            presenter,
            zone,
            notes,
            sources);
    if (o.reports.enabled() || o.web.enabled()) {
      // A replay's history is drawn once, at the end; a live page and reports need every view's.
      m.showHistory(!o.replay);
    }
    return m;
  }

  private void note(String raw) {
    // File names, lines and header values in notes come from outside: nothing reaches the
    // terminal that could move its cursor or retitle it.
    String message = Sanitizer.clean(raw);
    Presenter p = notesTo;
    if (p != null && p.note(message)) {
      return; // a full-screen presenter shows it now and prints it once the terminal is back
    }
    err.println("logmon: " + message);
    err.flush();
  }

  int replay(List<Path> paths) throws IOException, InterruptedException {
    for (Path p : paths) {
      if (p.toString().equals(StdinSource.NAME)) {
        continue;
      }
      if (!Files.isReadable(p) || Files.isDirectory(p)) {
        throw new IOException(
            "cannot read "
                + p
                + (Files.exists(p)
                    ? (Files.isDirectory(p) ? ": is a directory" : ": permission denied")
                    : ": no such file"));
      }
    }
    List<Path> ordered =
        ReplayOrder.byFirstTimestamp(paths, () -> LogFormats.parser(o.format, quiet -> {}));
    if (!ordered.equals(paths)) {
      note(
          "replay: reading the files in the order of their first timestamps: "
              + String.join(", ", ordered.stream().map(Path::toString).toList()));
    }
    Presenter presenter = presenters();
    notesTo = presenter;
    ReplayRun run = new ReplayRun(ordered, o.maxLineBytes);
    Monitor m = monitor(presenter, run::sources, this::note);
    m.summariseEmptyRunAt(clock.instant().getEpochSecond());
    StopOnSignal guard = StopOnSignal.forRun(run::stop, beforeExit, out, err);
    try {
      try {
        run.run(m); // on Ctrl-C it stops early and prints the summary of what it read
      } finally {
        guard.runEnded();
      }
      presenter.awaitDismissal();
    } finally {
      presenter.close();
    }
    o.web.serveUntilStopped(this::note);
    // A file that failed part way was noted and the rest summarised; the exit code still says so.
    return run.incomplete() ? 1 : 0;
  }

  int follow(List<Path> paths, boolean fromStart) throws InterruptedException, IOException {
    Map<String, FilePosition> saved = o.state == null ? null : StateFile.load(o.state, this::note);
    List<LogSource> watchers = new ArrayList<>();
    DescriptorLimit descriptors = new DescriptorLimit(); // one process, one descriptor limit
    for (Path p : paths) {
      String name = p.toString();
      TailOptions opts =
          TailOptions.follow(name)
              .withFromStart(fromStart)
              .withLimits(o.maxLineBytes, TailOptions.FILE_BATCH_LINES);
      if (name.equals(StdinSource.NAME)) {
        watchers.add(new StdinSource(System.in, opts, this::note));
      } else if (isGlob(name)) {
        watchers.add(new GlobWatcher(name, opts, this::note, saved, descriptors));
      } else {
        watchers.add(new FileTailer(p, opts, this::note, saved, descriptors));
      }
    }
    if (o.syslog.enabled()) {
      watchers.add(o.syslog.open(o.maxLineBytes, this::note));
    }
    if (o.kafka.enabled()) {
      watchers.add(o.kafka.open(fromStart, o.maxLineBytes, this::note));
    }
    FollowRun run = new FollowRun(watchers, o.poll, clock, this::note);
    // The warm-up runs a twin of the run's monitor (its format, filters, breakdowns, windows, and
    // its output writing to nowhere), so that the code the JIT compiles is the code the run takes.
    PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream());
    run.warmUpJit(
        discard ->
            monitor(o.output.live() ? discard : o.output.create(nowhere), List::of, n -> {}));
    Checkpoints checkpoints = o.state == null ? null : new Checkpoints(o.state, saved, this::note);
    if (checkpoints != null) {
      run.saveStateTo(checkpoints);
    }
    Presenter presenter = presenters();
    notesTo = presenter;
    presenter.onQuit(run::stop);
    Monitor m = monitor(presenter, run::sources, this::note);
    if (o.reports.persist) {
      Path history = ReportOptions.historyFile(o.state);
      LifetimeState previous = HistoryFile.load(history, this::note);
      if (previous != null) {
        m.restore(previous);
      }
      checkpoints.saveWith(() -> HistoryFile.write(history, m.lifetimeState()));
    }
    StopOnSignal guard = StopOnSignal.forRun(run::stop, beforeExit, out, err);
    try {
      run.run(m);
    } catch (RuntimeException | Error e) {
      if (guard.signalled()) {
        note("error while stopping: " + e); // the hook will halt before picocli reports it
      }
      throw e;
    } finally {
      run.stop();
      presenter.close(); // the terminal is restored before the shutdown hook may halt
      guard.runEnded();
    }
    return 0;
  }

  /** The run's presenters: the output, the web dashboard with --web, and the latency check. */
  private Presenter presenters() throws IOException {
    Presenter p = o.web.start(o.output.create(out), this::note);
    if (o.reports.enabled()) {
      long every = o.replay ? 0 : o.reports.every.toSeconds();
      p =
          new CompositePresenter(
              List.of(p, new ReportPresenter(o.reports.report, every, clock, this::note)));
    }
    if (o.latencyThreshold == null) {
      return p;
    }
    String threshold = o.latencyThreshold.toMillis() + "ms";
    return new CompositePresenter(List.of(p, new LatencyWithoutDurations(threshold, this::note)));
  }

  /**
   * Whether a FILE argument is a glob pattern (the shell did not expand it, e.g. it was quoted): it
   * has a wildcard and names no existing file, so {@code acc[1].log} is that file if it exists.
   */
  static boolean isGlob(String name) {
    return GlobPattern.hasGlob(name) && !Files.exists(Path.of(name));
  }

  @SuppressWarnings("try") // the traffic writer runs while the try block follows its file
  int demo() throws IOException, InterruptedException {
    CommandLine.ParseResult pr = o.spec.commandLine().getParseResult();
    if (!pr.hasMatchedOption("--window")) {
      o.window = Duration.ofSeconds(30);
    }
    if (!pr.hasMatchedOption("--interval")) {
      o.interval = Duration.ofSeconds(5);
    }
    Path file = Files.createTempFile("logmon-demo-", ".log");
    beforeExit.add(() -> file.toFile().delete());
    note(
        "demo: writing generated traffic to "
            + file
            + " (5 hits/s, then spikes to 30 hits/s, then calm again; threshold "
            + o.threshold
            + " hits/s over a "
            + o.window.toSeconds()
            + "s window). Ctrl-C to stop.");
    try (DemoTraffic traffic = DemoTraffic.start(file)) {
      return follow(List.of(file), true);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
