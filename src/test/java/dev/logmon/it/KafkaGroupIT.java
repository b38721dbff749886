package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logmon.source.kafka.KafkaSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * logmon instances in one Kafka consumer group, against a real broker started in this JVM in KRaft
 * mode from Kafka's own test kit (one broker for the class): together they count every line; one
 * stopping hands its partitions over with nothing lost or counted twice; one killed is replaced by
 * a restart that reads on from the committed offsets, counting at most the stated bound twice.
 */
class KafkaGroupIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 3;

  private static KafkaClusterTestKit cluster;
  private static Admin admin;
  private static KafkaProducer<byte[], byte[]> producer;
  private static java.nio.file.Path clientConfig;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    // A killed member is noticed after its session times out: 6 s (the broker's least), not 45.
    clientConfig = java.nio.file.Files.createTempFile("kafka-client", ".properties");
    java.nio.file.Files.writeString(
        clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
    admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (cluster != null) {
      cluster.close();
    }
    if (clientConfig != null) {
      java.nio.file.Files.deleteIfExists(clientConfig);
    }
  }

  private static void createTopic(String topic) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  /** A numbered access line stamped now. */
  private static byte[] line(int n) {
    String time = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
    return ("10.0."
            + (n % 200)
            + ".1 - - ["
            + time
            + "] \"GET /item/"
            + n
            + " HTTP/1.1\" 200 "
            + (100 + n % 900))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Lines {@code from .. to-1}, line n on partition n % 3, acknowledged by the broker. */
  private static void produce(String topic, int from, int to) throws Exception {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (int n = from; n < to; n++) {
      sent.add(producer.send(new ProducerRecord<>(topic, n % PARTITIONS, null, line(n))));
    }
    producer.flush();
    for (java.util.concurrent.Future<?> f : sent) {
      f.get(); // throws if the broker did not take the record
    }
  }

  private static LogmonProcess logmon(String topic, String group) throws Exception {
    return LogmonProcess.start(
        "--kafka-config",
        clientConfig.toString(),
        "--kafka",
        cluster.bootstrapServers(),
        "--topic",
        topic,
        "--group",
        group,
        "--from-start",
        "--output",
        "json",
        "--interval",
        "1s");
  }

  /** The newest report, or null before the first. */
  private static JsonNode latest(LogmonProcess p) throws Exception {
    List<String> out = p.stdout();
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).contains("\"type\":\"report\"")) {
        return JSON.readTree(out.get(i));
      }
    }
    return null;
  }

  private static long hits(LogmonProcess p) throws Exception {
    JsonNode r = latest(p);
    return r == null ? 0 : r.get("hits_total").asLong();
  }

  /** Partitions of {@code topic} the newest report shows being read. */
  private static int reading(LogmonProcess p, String topic) throws Exception {
    JsonNode r = latest(p);
    int n = 0;
    if (r != null) {
      for (JsonNode s : r.get("sources")) {
        n +=
            s.get("name").asText().startsWith(topic + "-")
                    && s.get("state").asText().equals("following")
                ? 1
                : 0;
      }
    }
    return n;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (!check.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(100);
    }
  }

  private static long summaryHits(LogmonProcess p) throws Exception {
    String s = p.awaitLine(l -> l.contains("\"type\":\"summary\""), Duration.ofSeconds(10));
    return JSON.readTree(s).get("hits_total").asLong();
  }

  @Test
  void twoInstancesShareThePartitionsAndTheSurvivorTakesOverWithNothingLost() throws Exception {
    String topic = "shared";
    createTopic(topic);
    try (LogmonProcess a = logmon(topic, "pair");
        LogmonProcess b = logmon(topic, "pair")) {
      await(
          "the 3 partitions split between both",
          () ->
              reading(a, topic) >= 1
                  && reading(b, topic) >= 1
                  && reading(a, topic) + reading(b, topic) == PARTITIONS);
      produce(topic, 0, 3000);
      await("both count all 3000 lines together", () -> hits(a) + hits(b) == 3000);
      assertThat(hits(a)).isPositive();
      assertThat(hits(b)).isPositive();

      assertThat(a.stop()).as("exit code (stderr: %s)", a.stderr()).isZero();
      long countedByA = summaryHits(a);
      assertThat(countedByA).isEqualTo(hits(a));
      await("b reads all 3 partitions", () -> reading(b, topic) == PARTITIONS);
      produce(topic, 3000, 6000);
      await("b counts the rest", () -> countedByA + hits(b) == 6000);
      assertThat(b.stop()).as("exit code (stderr: %s)", b.stderr()).isZero();
      // A clean hand-over counts nothing twice: a duplicate would show here.
      assertThat(countedByA + summaryHits(b)).isEqualTo(6000);
    }
  }

  @Test
  void aKilledInstanceIsReplacedByARestartThatReadsOnFromTheCommittedOffsets() throws Exception {
    String topic = "crash";
    createTopic(topic);
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicInteger produced = new AtomicInteger();
    long killedAt;
    try (LogmonProcess first = logmon(topic, "solo")) {
      await("the first instance reads all 3 partitions", () -> reading(first, topic) == PARTITIONS);
      Thread writer =
          new Thread(
              () -> {
                try {
                  while (producing.get()) { // about 20,000 lines/s, in bursts of 2,000
                    int n = produced.get();
                    produce(topic, n, n + 2000);
                    produced.addAndGet(2000);
                    Thread.sleep(100);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();
      await("the first instance counts while lines arrive", () -> hits(first) >= 10_000);
      first.kill(); // no summary, no last commit: what it counted since its last commit is lost
      killedAt = hits(first);
      producing.set(false);
      writer.join(30_000);
    }
    // Lines written while no instance runs: the restart has these to read even when the first
    // instance had committed everything it was given before the kill.
    int n = produced.get();
    produce(topic, n, n + 1000);
    int total = n + 1000;
    long committed = committedOffsets("solo", topic);
    assertThat(committed).isPositive().isLessThanOrEqualTo(n);
    try (LogmonProcess restarted = logmon(topic, "solo")) {
      // Everything after the committed offsets, and nothing before them: no line lost. A report
      // must show it: before the first one, hits() says 0, and a stop then could land mid-start.
      await(
          "the restart counts from the committed offsets to the end",
          () -> reading(restarted, topic) == PARTITIONS && hits(restarted) == total - committed);
      assertThat(restarted.stop()).as("exit code (stderr: %s)", restarted.stderr()).isZero();
      assertThat(summaryHits(restarted)).isEqualTo(total - committed);
    }
    // Counted by the first instance but not committed: counted twice, within the bound.
    long bound = (long) KafkaSource.MAX_IN_FLIGHT * 1024;
    assertThat(killedAt - committed).isLessThanOrEqualTo(bound);
  }

  private static long committedOffsets(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
      if (e.getKey().topic().equals(topic) && e.getValue() != null) {
        sum += e.getValue().offset();
      }
    }
    return sum;
  }
}
