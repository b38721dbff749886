package dev.logmon.cli;

import dev.logmon.generate.LiveWriter;
import dev.logmon.generate.Schedule;
import dev.logmon.generate.Shape;
import dev.logmon.generate.Sleeper;
import dev.logmon.generate.SpikeTiming;
import dev.logmon.generate.TrafficGenerator;
import dev.logmon.present.Sanitizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code logmon generate} subcommand: appends realistic access-log traffic to a file in real
 * time, optionally spiking above an alert threshold and falling back.
 *
 * <p>Not thread-safe: picocli populates and calls it on one thread. Ctrl-C stops it between two
 * writes, so the file never ends in half a line.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Appends realistic Combined Log Format traffic to a file in real time.",
      "With the spike shape the rate rises from --rate to --peak for --spike-seconds, then calms"
          + " for --calm-seconds, repeating, so logmon's high-traffic alert fires and recovers."
    })
public final class GenerateCommand implements Callable<Integer> {
  private static final long SHUTDOWN_WAIT_MILLIS = 1_000;

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "/tmp/access.log",
      description = "Log file to append to; created if missing. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Base rate in lines per second, > 0 (fractions allowed). Default: ${DEFAULT-VALUE}.")
  double rate;

  /** How far a spike rises above --rate unless --peak says otherwise: 5/s spikes to 30/s. */
  static final double PEAK_PER_RATE = 6;

  @Option(
      names = "--peak",
      paramLabel = "N",
      description =
          "Rate in lines per second during a spike, >= --rate. Default: 6 x --rate (30 at the"
              + " default rate).")
  Double peak;

  @Option(
      names = "--shape",
      paramLabel = "SHAPE",
      defaultValue = "spike",
      converter = ShapeConverter.class,
      completionCandidates = ShapeNames.class,
      description = "Traffic shape: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Shape shape;

  @Option(
      names = "--seconds",
      paramLabel = "T",
      defaultValue = "0",
      description = "Stop after T seconds; 0 runs until interrupted. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Random seed; the same seed gives the same traffic. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--spike-after",
      paramLabel = "T",
      defaultValue = "20",
      description = "Seconds at --rate before the first spike. Default: ${DEFAULT-VALUE}.")
  double spikeAfter;

  @Option(
      names = "--spike-seconds",
      paramLabel = "T",
      defaultValue = "40",
      description = "Length of each spike in seconds, > 0. Default: ${DEFAULT-VALUE}.")
  double spikeSeconds;

  @Option(
      names = "--calm-seconds",
      paramLabel = "T",
      defaultValue = "60",
      description = "Seconds at --rate between spikes. Default: ${DEFAULT-VALUE}.")
  double calmSeconds;

  private final InstantSource clock;
  private final Sleeper sleeper;

  /** Creates the command on the system clock. */
  public GenerateCommand() {
    this(InstantSource.system(), Sleeper.SYSTEM);
  }

  /** Creates the command on an injected clock and sleeper, for tests. */
  GenerateCommand(InstantSource clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public Integer call() {
    Schedule schedule = validatedSchedule();
    PrintWriter err = spec.commandLine().getErr();
    LiveWriter writer;
    try {
      writer = new LiveWriter(out, new TrafficGenerator(seed), schedule, clock, sleeper);
    } catch (IOException e) {
      err.println(
          Sanitizer.clean(
              "logmon generate: cannot append to --out " + out + ": " + e.getMessage()));
      return 1;
    }
    err.println(Sanitizer.clean(describe()));
    err.flush();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopAndWait(stop, done), "logmon-generate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (writer) {
      long written =
          seconds == 0 ? writer.run(stop::get) : writer.run(duration(seconds), stop::get);
      err.println(Sanitizer.clean("wrote " + written + " lines to " + out));
      return 0;
    } catch (IOException e) {
      err.println(
          Sanitizer.clean("logmon generate: cannot write to --out " + out + ": " + e.getMessage()));
      return 1;
    } finally {
      err.flush();
      done.countDown();
      removeHook(hook);
    }
  }

  private Schedule validatedSchedule() {
    require(rate > 0 && Double.isFinite(rate), "--rate", "must be > 0", rate);
    if (peak == null) {
      peak = rate * PEAK_PER_RATE; // a spike follows the rate asked for, whatever it is
    }
    require(peak > 0 && Double.isFinite(peak), "--peak", "must be > 0", peak);
    if (shape == Shape.SPIKE) {
      require(peak >= rate, "--peak", "must be >= --rate (" + num(rate) + ")", peak);
    }
    require(seconds >= 0 && Double.isFinite(seconds), "--seconds", "must be >= 0", seconds);
    require(spikeAfter >= 0 && Double.isFinite(spikeAfter), "--spike-after", ">= 0", spikeAfter);
    require(
        spikeSeconds > 0 && Double.isFinite(spikeSeconds), "--spike-seconds", "> 0", spikeSeconds);
    require(
        calmSeconds >= 0 && Double.isFinite(calmSeconds), "--calm-seconds", ">= 0", calmSeconds);
    return new Schedule(shape, rate, peak, new SpikeTiming(spikeAfter, spikeSeconds, calmSeconds));
  }

  private void require(boolean ok, String option, String rule, double value) {
    if (!ok) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '" + option + "': " + rule + ", got " + num(value));
    }
  }

  private String describe() {
    String spikes =
        shape == Shape.SPIKE
            ? " (spikes to "
                + num(peak)
                + "/s for "
                + num(spikeSeconds)
                + " s every "
                + num(spikeSeconds + calmSeconds)
                + " s, first after "
                + num(spikeAfter)
                + " s)"
            : "";
    String until = seconds == 0 ? "; Ctrl-C to stop" : " for " + num(seconds) + " s";
    return "appending ~" + num(rate) + " lines/s" + spikes + " to " + out + until;
  }

  private static Duration duration(double seconds) {
    return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
  }

  private static String num(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void stopAndWait(AtomicBoolean stop, CountDownLatch done) {
    // Let the writer finish its current write and close the file before the JVM exits.
    stop.set(true);
    try {
      done.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is running and cannot be removed.
    }
  }

  /** Converts a --shape name with {@link Shape#named}, keeping its message for the user. */
  static final class ShapeConverter implements ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
      try {
        return Shape.named(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The valid --shape names, for help and shell completion. */
  static final class ShapeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Shape.values()).map(Shape::label).iterator();
    }
  }
}
