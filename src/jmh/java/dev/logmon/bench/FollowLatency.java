package dev.logmon.bench;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.pipeline.FollowRun;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.present.JsonPresenter;
import dev.logmon.present.MonitorView;
import dev.logmon.source.DescriptorLimit;
import dev.logmon.source.FileTailer;
import dev.logmon.source.TailOptions;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Follow mode under a steady stream of appends, in one process: a writer thread appends Combined
 * lines (timestamped with the wall clock) at RATE lines/s in 10 ms bursts, logmon's real tailer and
 * pipeline follow the file (with live views on, as the terminal and web views run it), and an
 * observer records, for every burst, the time from the end of its write to the moment its last line
 * is counted in the published snapshot ({@link Monitor#latest()}, lifetime hits). Prints the rate
 * achieved, latency percentiles, the CPU used by logmon's own threads (the writer and observer
 * excluded) while loaded and while idle.
 *
 * <p>Run: {@code mvn -Pjmh -DskipTests package && java -XX:+UseSerialGC -cp
 * target/logmon-0.1.0-all.jar dev.logmon.bench.FollowLatency [RATE] [SECONDS] [POLL_MS]}
 */
public final class FollowLatency {
  private FollowLatency() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int pollMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path file = Files.createTempFile("logmon-follow-", ".log");
    file.toFile().deleteOnExit();
    FileTailer tailer =
        new FileTailer(
            file, TailOptions.follow(file.toString()), n -> {}, null, new DescriptorLimit());
    FollowRun run =
        new FollowRun(List.of(tailer), Duration.ofMillis(pollMs), InstantSource.system(), n -> {});
    java.util.function.Function<dev.logmon.present.Presenter, Monitor> monitor =
        presenter ->
            new Monitor(
                new MonitorConfig(
                    false,
                    10,
                    120,
                    0,
                    true,
                    dev.logmon.pipeline.MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS,
                    dev.logmon.filter.FilterSet.NONE,
                    1,
                    false),
                dev.logmon.parse.RowParser.clf(),
                new Aggregator(new AggregatorConfig(120, 10, 10, 5)),
                new AlertEngine(AlertRule.ABSOLUTE, 1e9),
                presenter,
                ZoneOffset.UTC,
                n -> {},
                run::sources);
    if (!Boolean.getBoolean("logmon.noWarmUp")) {
      run.warmUpJit(monitor); // as the command line does, on a twin of the run's monitor
    }
    Monitor m = monitor.apply(new JsonPresenter(OutputStream.nullOutputStream()));
    Thread pipeline =
        new Thread(
            () -> {
              try {
                run.run(m);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "pipeline");
    pipeline.start();
    // The run first warms the JIT up, then starts the tailer, which opens the file and seeks to its
    // end; lines written before that would never be counted. The first published view says the
    // pipeline loop is running.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (m.latest() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(500);

    int perBurst = rate / 100;
    // The writer stands in for a web server in another process: its own line formatting must not
    // be interpreted or compiled during the first measured second, competing with logmon for the
    // cores, so it is warmed up first, as logmon is.
    long warmSum = 0;
    for (int i = 0; i < 200; i++) {
      warmSum += burst(perBurst, System.currentTimeMillis() / 1000, i).length;
    }
    if (warmSum == 0) {
      throw new IllegalStateException("no warm-up output");
    }
    Thread.sleep(200);
    int bursts = seconds * 100;
    long[] wrote = new long[bursts]; // cumulative lines after each burst
    long[] writtenAt = new long[bursts];
    long[] countedAt = new long[bursts];
    Thread observer =
        new Thread(
            () -> {
              int next = 0;
              while (next < bursts) {
                MonitorView v = m.latest();
                long counted = v == null ? 0 : v.traffic().lifetime().hits();
                long now = System.nanoTime();
                while (next < bursts && writtenAt[next] != 0 && counted >= wrote[next]) {
                  countedAt[next++] = now;
                }
                LockSupport.parkNanos(200_000);
              }
            },
            "observer");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = processCpu();
    long helpers0 = 0;
    observer.start();
    long start = System.nanoTime();
    long total = 0;
    long writerCpu0 = mx.getCurrentThreadCpuTime();
    try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
      for (int b = 0; b < bursts; b++) {
        long due = start + b * 10_000_000L;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        out.write(burst(perBurst, System.currentTimeMillis() / 1000, b));
        total += perBurst;
        wrote[b] = total;
        writtenAt[b] = System.nanoTime();
      }
    }
    long writeEnd = System.nanoTime();
    observer.join(10_000);
    long writerCpu = mx.getCurrentThreadCpuTime() - writerCpu0;
    long observerCpu = mx.getThreadCpuTime(observer.getId());
    long loadedCpu = processCpu() - cpu0 - writerCpu - Math.max(0, observerCpu) - helpers0;
    double wall = (writeEnd - start) / 1e9;
    long idle0 = processCpu();
    Thread.sleep(5_000);
    double idleCores = (processCpu() - idle0) / 5e9;
    run.stop();
    pipeline.join(10_000);

    long[] lat = new long[bursts];
    int n = 0;
    for (int b = 0; b < bursts; b++) {
      if (countedAt[b] != 0) {
        lat[n++] = countedAt[b] - writtenAt[b];
      }
    }
    StringBuilder perSecond = new StringBuilder();
    for (int sec = 0; sec * 100 < n; sec++) {
      long max = 0;
      for (int b = sec * 100; b < Math.min(n, sec * 100 + 100); b++) {
        max = Math.max(max, lat[b]);
      }
      perSecond.append(' ').append(max / 1_000_000);
    }
    long[] sorted = Arrays.copyOf(lat, n);
    Arrays.sort(sorted);
    System.out.printf(
        "appended %d lines in %.1f s (%.0f lines/s), counted %d%n",
        total, wall, total / wall, m.linesCounted());
    System.out.printf(
        "append-to-published latency over %d bursts: p50 %.1f ms, p99 %.1f ms, max %.1f ms (poll %d"
            + " ms)%n",
        n, pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[n - 1] / 1e6, pollMs);
    System.out.println("max latency of each second of the run, ms:" + perSecond);
    long[] warm = Arrays.copyOfRange(lat, Math.min(n, 500), n);
    Arrays.sort(warm);
    System.out.printf(
        "after the first 5 s (JIT warm-up): p50 %.1f ms, p99 %.1f ms%n",
        pct(warm, 50), pct(warm, 99));
    System.out.printf(
        "logmon threads CPU while loaded: %.2f cores; idle: %.3f cores%n",
        loadedCpu / 1e9 / wall, idleCores);
  }

  private static double pct(long[] sorted, int p) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  private static long processCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  private static final String[] MON = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private static byte[] burst(int lines, long second, int seed) {
    java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
    String ts =
        String.format(
            "%02d/%s/%04d:%02d:%02d:%02d +0000",
            t.getDayOfMonth(),
            MON[t.getMonthValue() - 1],
            t.getYear(),
            t.getHour(),
            t.getMinute(),
            t.getSecond());
    StringBuilder b = new StringBuilder(lines * 150);
    for (int i = 0; i < lines; i++) {
      int c = (seed * 7919 + i * 104_729) & 0xFFFF;
      b.append("10.")
          .append(c >> 8)
          .append('.')
          .append(c & 255)
          .append(".9 - - [")
          .append(ts)
          .append("] \"GET /s")
          .append(i % 17)
          .append("/item HTTP/1.1\" 200 ")
          .append(i * 37 % 9000)
          .append(" \"-\" \"Mozilla/5.0\"\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
