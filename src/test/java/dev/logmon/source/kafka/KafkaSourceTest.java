package dev.logmon.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.BatchSink;
import dev.logmon.source.Batches;
import dev.logmon.source.LineBatch;
import dev.logmon.source.SourceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link KafkaSource}'s handshake with the counting thread, on Kafka's own {@link MockConsumer}:
 * offsets are committed only for counted batches, a full pipeline pauses the partitions, a
 * revocation waits for counting before it commits, and bad records are counted by reason.
 */
@Timeout(60)
class KafkaSourceTest {
  private static final String TOPIC = "access";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final Map<TopicPartition, Long> commits = new java.util.concurrent.ConcurrentHashMap<>();

  /** Kafka's mock, its commits written down (its rebalance puts back the offsets of before). */
  private final MockConsumer<byte[], byte[]> mock =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitAsync(
            Map<TopicPartition, OffsetAndMetadata> offsets,
            org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
          offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
          super.commitAsync(offsets, callback);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
          offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
          super.commitSync(offsets, timeout);
        }
      };

  private final AtomicLong clock = new AtomicLong();
  // Once set, every reading of the clock finds a revocation's whole wait gone by.
  private final AtomicBoolean waitOver = new AtomicBoolean();
  private final List<String> notes = new ArrayList<>();
  private final List<LineBatch> handed = new ArrayList<>();
  private KafkaSource source;

  private KafkaSource source(String field, int batchLines) {
    source =
        new KafkaSource(
            new KafkaSettings("b:9092", TOPIC, "g", field, true, 1024, batchLines, Map.of()),
            mock,
            notes::add,
            () ->
                waitOver.get()
                    ? clock.addAndGet(KafkaSource.REVOKE_WAIT.toNanos() + 1)
                    : clock.get());
    source.subscribe(() -> false);
    mock.schedulePollTask(
        () -> {
          mock.rebalance(List.of(P0, P1));
          mock.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        });
    return source;
  }

  /** Hands batches over to the test, which counts them when it says so. */
  private final BatchSink sink = handed::add;

  private void record(TopicPartition tp, long offset, String value) {
    mock.addRecord(
        new ConsumerRecord<>(
            tp.topic(),
            tp.partition(),
            offset,
            null,
            value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
  }

  private void countAll() {
    handed.forEach(source::counted);
    handed.clear();
  }

  private long committed(TopicPartition tp) {
    return commits.getOrDefault(tp, -1L);
  }

  private SourceStatus status(String name) {
    return source.statuses().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void offsetsAreCommittedOnlyOnceTheirLinesAreCounted() throws Exception {
    source(null, 1024);
    source.step(sink); // assignment
    for (int i = 0; i < 5; i++) {
      record(P0, i, "line " + i);
    }
    record(P1, 0, "other");
    source.step(sink);
    assertThat(handed).hasSize(2);
    assertThat(handed.get(0).source()).isEqualTo("access-0");
    assertThat(handed.get(0).lines())
        .containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
    source.step(sink);
    assertThat(committed(P0)).isEqualTo(-1); // handed over, not counted: nothing committed
    source.counted(handed.get(0)); // the pipeline counts the first batch only
    source.step(sink);
    assertThat(committed(P0)).isEqualTo(5);
    assertThat(committed(P1)).isEqualTo(-1);
    // A batch counted out of order (never happens: the queue is FIFO) is not taken for another's.
    source.counted(LineBatch.class.cast(Batches.of("access-1", 1, List.of("x"))));
    source.step(sink);
    assertThat(committed(P1)).isEqualTo(-1);
    source.counted(handed.get(1));
    source.step(sink);
    assertThat(committed(P1)).isEqualTo(1);
    assertThat(status("access-0").lines()).isEqualTo(5);
    assertThat(source.inFlight()).isZero();
  }

  @Test
  void recordsWithoutALineAreCountedByReasonAndTheirOffsetsStillCommitted() throws Exception {
    source("log.message", 1024);
    source.step(sink);
    record(P0, 0, "{\"log\":{\"message\":\"a line\"},\"host\":\"web1\"}");
    record(P0, 1, "not json");
    record(P0, 2, null);
    record(P0, 3, "{\"log\":{\"other\":1}}");
    record(P0, 4, "[1,2]");
    source.step(sink);
    record(P1, 0, "{\"message\":\"x\"}");
    source.step(sink);
    assertThat(handed.get(0).lines()).containsExactly("a line");
    countAll();
    source.step(sink);
    assertThat(committed(P0)).isEqualTo(5);
    assertThat(committed(P1)).isEqualTo(1); // an empty batch carried the rejected record's offset
    assertThat(status("access-0").rejected())
        .containsExactly(
            Map.entry("bad_envelope", 2L),
            Map.entry("missing_field", 1L),
            Map.entry("no_value", 1L));
    assertThat(status("access-1").rejected()).containsExactly(Map.entry("missing_field", 1L));
  }

  @Test
  void aFullPipelinePausesEveryPartitionUntilCommitsCatchUp() throws Exception {
    source(null, 2);
    source.step(sink);
    mock.setMaxPollRecords(2);
    long offset = 0;
    while (handed.size() < KafkaSource.MAX_IN_FLIGHT) {
      record(P0, offset, "l" + offset++);
      record(P0, offset, "l" + offset++);
      source.step(sink);
    }
    assertThat(source.inFlight()).isEqualTo(KafkaSource.MAX_IN_FLIGHT);
    record(P0, offset, "l" + offset++);
    source.step(sink); // nothing counted: the partitions are paused before the next poll
    assertThat(mock.paused()).containsExactlyInAnyOrder(P0, P1);
    int before = handed.size();
    source.step(sink);
    assertThat(handed).hasSize(before); // paused: nothing more is handed over
    countAll();
    source.step(sink); // acks taken and committed; resumed before the poll
    assertThat(source.inFlight()).isLessThanOrEqualTo(KafkaSource.MAX_IN_FLIGHT / 2);
    source.step(sink);
    assertThat(mock.paused()).isEmpty();
    assertThat(handed).isNotEmpty(); // the record held back by the pause
    countAll();
    source.step(sink);
    assertThat(committed(P0)).isEqualTo(offset);
  }

  @Test
  void aRevocationWaitsUntilItsBatchesAreCountedThenCommitsThem() throws Exception {
    source(null, 1024);
    source.step(sink);
    record(P0, 0, "a");
    record(P0, 1, "b");
    record(P1, 0, "c");
    source.step(sink);
    List<LineBatch> batches = List.copyOf(handed);
    CountDownLatch revoking = new CountDownLatch(1);
    mock.schedulePollTask(
        () -> {
          revoking.countDown();
          mock.rebalance(List.of(P1)); // P0 moves to another member
        });
    Thread counter =
        new Thread(
            () -> {
              try {
                revoking.await();
                batches.forEach(source::counted); // counted while the revocation waits
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    counter.start();
    source.step(sink);
    counter.join();
    assertThat(committed(P0)).isEqualTo(2); // committed by the revocation, before P0 moved
    assertThat(status("access-0").state()).isEqualTo(SourceStatus.State.REVOKED);
    assertThat(status("access-1").state()).isEqualTo(SourceStatus.State.FOLLOWING);
    assertThat(notes).anyMatch(n -> n.contains("access-0 moved to another member"));
  }

  /**
   * The pipeline counts only the first of P0's batches (it is stuck) and the revocation's wait runs
   * out: what is counted is committed, the rest is released. Single-threaded: the first batch is
   * counted inside the poll that revokes, after the round's own commit, so only the revocation can
   * commit it. (A thread moving the clock raced with the wait's deadline and hung under load.)
   */
  @Test
  void aRevocationGivesUpWaitingAtTheDeadlineAndCommitsWhatIsCounted() throws Exception {
    source(null, 1);
    source.step(sink);
    record(P0, 0, "a");
    record(P0, 1, "b");
    source.step(sink);
    List<LineBatch> batches = List.copyOf(handed);
    assertThat(batches).hasSize(2);
    mock.schedulePollTask(
        () -> {
          source.counted(batches.get(0)); // the second is never counted (a stuck pipeline)
          waitOver.set(true);
          mock.rebalance(List.of(P1));
        });
    source.step(sink);
    assertThat(committed(P0)).isEqualTo(1);
    assertThat(source.inFlight()).isZero(); // P0's batches are no longer this member's
    assertThat(status("access-0").state()).isEqualTo(SourceStatus.State.REVOKED);
  }

  @Test
  void lagIsWhatThePartitionHoldsAfterTheLastLineCounted() throws Exception {
    source(null, 1024);
    source.step(sink);
    for (int i = 0; i < 10; i++) {
      record(P0, i, "l" + i);
    }
    mock.updateEndOffsets(Map.of(P0, 25L, P1, 0L));
    source.step(sink);
    assertThat(status("access-0").lag()).isEqualTo(25); // fetched 10, none counted
    countAll();
    source.step(sink);
    assertThat(status("access-0").lag()).isEqualTo(15);
    assertThat(Duration.ofNanos(clock.get())).isZero(); // the source never needed the clock to move
  }
}
