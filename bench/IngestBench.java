// Lines per second one logmon counts from each input: a local Kafka broker (3 partitions), syslog
// over TCP, a file followed from its start, and the same file replayed; runs interleaved, medians.
//   bench/ingest.sh [LINES] [ROUNDS]   (builds the jar and the test classpath, then runs this)
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

public class IngestBench {
  private static final long RUN_DEADLINE_SECONDS = 600;
  // logmon's temporary files (native codec libraries) go where this JVM's go: ingest.sh removes it.
  private static final String TMPDIR = "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir");
  private static final Pattern HITS = Pattern.compile("\"hits_total\":(\\d+)");

  /** One run: steady lines/s (between the first report with hits and the last line) and total s. */
  record Result(double steadyRate, double totalSeconds) {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    Path log = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<byte[]> lines = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      lines.add(l.getBytes(StandardCharsets.UTF_8));
    }
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("offsets.topic.replication.factor", "1") // one broker
            .setConfigProp("offsets.topic.num.partitions", "1")
            .build();
    try {
      run(cluster, lines, jar, log, rounds);
    } finally {
      cluster.close(); // also deletes its log directories
    }
  }

  private static void run(KafkaClusterTestKit cluster, List<byte[]> lines, String jar, Path log, int rounds)
      throws Exception {
    long n = lines.size();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    String bootstrap = cluster.bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic("bench", 3, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "linger.ms", "20", "batch.size", "262144",
                "compression.type", "lz4"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < lines.size(); i++) {
        p.send(new ProducerRecord<>("bench", i % 3, null, lines.get(i)));
      }
      p.flush();
    }
    System.err.printf("%d lines in the topic (3 partitions, lz4)%n", n);
    Map<String, List<Result>> results = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      record("kafka (3 partitions)", results, follow(jar, n, null,
          "--kafka", bootstrap, "--topic", "bench", "--group", "bench-" + round, "--from-start"));
      record("syslog TCP (1 connection)", results, follow(jar, n, lines, "--syslog", "0"));
      record("file, followed from its start", results, follow(jar, n, null, "--from-start", log.toString()));
      record("file, --replay", results, replay(jar, n, log));
    }
    System.out.printf("%n%-32s %14s %14s   (median of %d; every run)%n", "input", "lines/s", "seconds", rounds);
    for (Map.Entry<String, List<Result>> e : results.entrySet()) {
      List<Double> rates = new ArrayList<>();
      List<Double> secs = new ArrayList<>();
      for (Result r : e.getValue()) {
        rates.add(r.steadyRate());
        secs.add(r.totalSeconds());
      }
      System.out.printf("%-32s %,14.0f %14.2f   %s%n", e.getKey(), median(rates), median(secs), e.getValue());
    }
  }

  private static void record(String name, Map<String, List<Result>> results, Result r) {
    System.err.printf("%-32s %,12.0f lines/s steady, %.2f s in all%n", name, r.steadyRate(), r.totalSeconds());
    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  /** Starts logmon, feeds syslog if {@code send} is given, times its reports until n hits. */
  private static Result follow(String jar, long n, List<byte[]> send, String... input) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", TMPDIR, "-jar", jar, "--output", "json", "--interval", "1s"));
    cmd.addAll(List.of(input));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).start();
    // A run that never counts every line ends at the deadline instead of hanging the benchmark.
    Thread watchdog = new Thread(() -> {
      try {
        if (!p.waitFor(RUN_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
          p.destroy();
        }
      } catch (InterruptedException e) {
        // the run ended first
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    if (send != null) {
      int port = -1;
      for (String l = err.readLine(); l != null; l = err.readLine()) {
        if (l.contains("syslog: receiving on udp and tcp ")) {
          port = Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).trim());
          break;
        }
      }
      int syslogPort = port;
      Thread sender = new Thread(() -> sendSyslog(syslogPort, send));
      sender.setDaemon(true);
      sender.start();
    }
    Thread drainErr = new Thread(() -> err.lines().forEach(l -> {}));
    drainErr.setDaemon(true);
    drainErr.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long firstAt = -1;
    long firstHits = 0;
    long doneAt = -1;
    for (String l = out.readLine(); l != null; l = out.readLine()) {
      Matcher m = HITS.matcher(l);
      if (!l.contains("\"type\":\"report\"") || !m.find()) {
        continue;
      }
      long hits = Long.parseLong(m.group(1));
      long now = System.nanoTime();
      if (firstAt < 0 && hits > 0) {
        firstAt = now;
        firstHits = hits;
      }
      if (hits >= n) {
        doneAt = now;
        break;
      }
    }
    p.destroy();
    p.waitFor(20, TimeUnit.SECONDS);
    watchdog.interrupt();
    if (doneAt < 0) {
      throw new IllegalStateException("logmon ended before counting " + n + " lines: " + cmd);
    }
    double steady = firstAt == doneAt ? Double.NaN : (n - firstHits) / ((doneAt - firstAt) / 1e9);
    return new Result(steady, (doneAt - start) / 1e9);
  }

  /** Newline-framed RFC 3164 frames, as nginx or rsyslog would send them, as fast as TCP takes. */
  private static void sendSyslog(int port, List<byte[]> lines) {
    byte[] head = "<190>Dec  3 16:27:05 web1 nginx: ".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream o = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
      for (byte[] l : lines) {
        o.write(head);
        o.write(l);
        o.write('\n');
      }
      o.flush();
      Thread.sleep(Long.MAX_VALUE); // keep the connection until logmon is stopped
    } catch (IOException | InterruptedException e) {
      // logmon stopped
    }
  }

  /** The whole process of a replay; steady rate = lines / wall time (it exits by itself). */
  private static Result replay(String jar, long n, Path log) throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder("java", TMPDIR, "-jar", jar, "--replay", "--output", "json", log.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor();
    double s = (System.nanoTime() - start) / 1e9;
    return new Result(n / s, s);
  }
}
