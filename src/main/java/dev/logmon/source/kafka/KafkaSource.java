package dev.logmon.source.kafka;

import static java.util.stream.Collectors.joining;

import dev.logmon.source.BatchSink;
import dev.logmon.source.LineBatch;
import dev.logmon.source.LogSource;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.SourceStatus.State;
import dev.logmon.source.kafka.PartitionLines.InFlight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@code --kafka} input: a member of a consumer group reading one topic, each assigned
 * partition a source of its own, offsets committed only for lines the pipeline has counted.
 *
 * <p>The handshake: the consumer thread owns the {@code KafkaConsumer} (which is not thread-safe)
 * and everything here but two queues. It hands each batch over together with the offset that
 * counting it makes safe (the record after its last line), keeping the batch in {@code handed}; the
 * pipeline thread, having counted a batch, calls {@link #counted}, which moves it to {@code acks}
 * if it is the oldest handed over (batches are counted in the order handed over). Before every poll
 * the consumer thread takes the acks, advances each partition's counted offset and commits it
 * (asynchronously; synchronously when partitions are revoked and at the end).
 *
 * <p>Bounds: at most {@link #MAX_IN_FLIGHT} batches are handed over and not yet committed; past
 * that every partition is paused (the broker, not memory, holds the backlog) until commits bring it
 * down to half. Lines counted twice: only lines counted but not committed can be, so after a crash
 * at most {@link #MAX_IN_FLIGHT} batches of lines (a record holding more lines than a batch adds
 * its own); a revocation waits (up to {@link #REVOKE_WAIT}) until the partition's batches are
 * counted and commits them, so a rebalance or a clean stop counts nothing twice.
 */
public final class KafkaSource implements LogSource {
  /** Batches handed over and not yet committed, at most. */
  public static final int MAX_IN_FLIGHT = 32;

  static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration POLL_PAUSED = Duration.ofMillis(10);
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(5);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
  private static final long UNASSIGNED_NOTE_NANOS = 15_000_000_000L;

  private final KafkaSettings settings;
  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final RecordLines recordLines;
  private final Consumer<String> notes;
  private final LongSupplier nanoClock;
  private final String name;
  private final Map<TopicPartition, PartitionLines> partitions = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<InFlight> handed = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<InFlight> acks = new LinkedBlockingQueue<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private int inFlight;
  private boolean paused;
  private boolean everAssigned;
  private long startedAt;
  private boolean unassignedNoted;
  private State state = State.WAITING;
  private long readErrors;
  private String lastError;
  private volatile List<SourceStatus> status;

  KafkaSource(
      KafkaSettings settings,
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      Consumer<String> notes,
      LongSupplier nanoClock) {
    this.settings = settings;
    this.consumer = consumer;
    this.recordLines = new RecordLines(settings.field());
    this.notes = notes;
    this.nanoClock = nanoClock;
    this.name = "kafka:" + settings.topic();
    publish();
  }

  /** A consumer for {@code settings}, not yet subscribed; bad settings throw here, at start. */
  public static KafkaSource open(KafkaSettings settings, Consumer<String> notes) {
    Properties p = new Properties();
    p.putAll(settings.client());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "logmon");
    // Offsets are logmon's to commit, once counted; never the client's on a timer.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromStart() ? "earliest" : "latest");
    // Cooperative: a rebalance revokes only the partitions that move, the rest keep flowing.
    p.putIfAbsent(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.putIfAbsent(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(4 * settings.maxBatchLines()));
    return new KafkaSource(
        settings,
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        notes,
        System::nanoTime);
  }

  /** The consumer's status first, then each partition's; callable from any thread. */
  @Override
  public List<SourceStatus> statuses() {
    return status;
  }

  /**
   * The pipeline thread has counted {@code batch}: if it is the oldest batch handed over and not
   * yet counted, its offset may now be committed. Other sources' batches are ignored.
   */
  @Override
  @SuppressWarnings("ReferenceEquality") // the very batch handed over: another may hold equal lines
  public void counted(LineBatch batch) {
    InFlight head = handed.peek();
    if (head != null && head.batch == batch) {
      handed.poll();
      acks.add(head);
    }
  }

  /**
   * Subscribes and reads until {@code stop} says so (or the thread is interrupted); Kafka's own
   * poll waits, so {@code pollInterval} is not used.
   */
  @Override
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    startedAt = nanoClock.getAsLong();
    try {
      subscribe(stop);
      while (!stop.getAsBoolean()) {
        try {
          step(sink);
        } catch (InterruptException | WakeupException e) {
          break; // interrupted: logmon is stopping
        } catch (KafkaException e) {
          if (stop.getAsBoolean()) {
            break;
          }
          fail(e);
          TimeUnit.SECONDS.sleep(1); // an error that would recur at once (say, not authorized)
        }
      }
    } finally {
      publish();
      ended.countDown();
    }
  }

  /**
   * After the run and the pipeline's last batch: commits what was counted and leaves the group, so
   * the partitions move to another member at once. The consumer thread has ended; this thread takes
   * the consumer over.
   */
  @Override
  public void close() {
    try {
      if (!ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        notes.accept(
            "kafka: the consumer did not stop in time; the last offsets are not committed");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    List<PartitionLines> reading =
        partitions.values().stream().filter(p -> p.state == State.FOLLOWING).toList();
    try {
      takeAcks();
      commitSync(reading);
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CLOSE_WAIT));
      } catch (KafkaException e) {
        notes.accept("kafka: " + e.getMessage());
      }
      state = State.DONE;
      reading.forEach(p -> p.state = State.DONE);
      publish();
    }
  }

  /** Subscribes to the topic; {@code stop} cuts a revocation's wait short when logmon stops. */
  void subscribe(BooleanSupplier stop) {
    consumer.subscribe(List.of(settings.topic()), new Rebalance(stop));
  }

  /** One round: acks taken and committed, flow control, one poll, its records handed over. */
  void step(BatchSink sink) throws InterruptedException {
    takeAcks();
    commitAsync();
    if (!paused && inFlight >= MAX_IN_FLIGHT) {
      consumer.pause(consumer.assignment());
      paused = true;
    } else if (paused && inFlight <= MAX_IN_FLIGHT / 2) {
      consumer.resume(consumer.paused());
      paused = false;
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(paused ? POLL_PAUSED : POLL);
    for (TopicPartition tp : records.partitions()) {
      PartitionLines p = partitions.get(tp);
      if (p != null && p.state == State.FOLLOWING) {
        hand(p, records.records(tp), sink);
      }
    }
    for (PartitionLines p : partitions.values()) {
      if (p.state == State.FOLLOWING) {
        OptionalLong lag = consumer.currentLag(p.topicPartition);
        if (lag.isPresent()) {
          p.fetchLag = lag.getAsLong();
        }
      }
    }
    if (!everAssigned
        && !unassignedNoted
        && nanoClock.getAsLong() - startedAt > UNASSIGNED_NOTE_NANOS) {
      unassignedNoted = true;
      notes.accept(
          "kafka: no partition of "
              + settings.topic()
              + " assigned yet (is "
              + settings.bootstrap()
              + " reachable, and does the topic exist?)");
    }
    publish();
  }

  /** Batches handed over and not yet committed (for tests). */
  int inFlight() {
    return inFlight;
  }

  private void hand(PartitionLines p, List<ConsumerRecord<byte[], byte[]>> records, BatchSink sink)
      throws InterruptedException {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (p.counted < 0) {
        // Where reading began: the group's committed offset (or the reset); nothing to commit yet.
        p.counted = r.offset();
        p.committed = Math.max(p.committed, r.offset());
      }
      RecordLines.Line line = recordLines.of(r.value());
      if (line.rejection() != null) {
        p.reject(line.rejection());
      } else {
        p.batches.add(line.bytes(), line.off(), line.len());
        p.bytes += line.len();
      }
      p.fetched = r.offset() + 1;
      LineBatch b;
      while ((b = p.batches.next(false)) != null) {
        // Lines of this record still held: only once they are counted is the record done.
        put(p, b, p.batches.hasPending() ? r.offset() : r.offset() + 1, sink);
      }
    }
    LineBatch rest = p.batches.next(true);
    if (rest != null) {
      put(p, rest, p.fetched, sink);
    } else if (p.fetched > p.handedUpTo) {
      // Only rejected records since the last batch: an empty batch carries their offset in order.
      put(p, p.batches.empty(), p.fetched, sink);
    }
  }

  private void put(PartitionLines p, LineBatch b, long offset, BatchSink sink)
      throws InterruptedException {
    InFlight f = new InFlight(b, p, offset);
    handed.add(f); // before the put: the pipeline may count it the moment it is in the queue
    try {
      sink.put(b);
    } catch (InterruptedException e) {
      handed.remove(f);
      throw e;
    }
    p.inFlight.add(f);
    inFlight++;
    p.handedUpTo = offset;
    p.lines += b.lineCount();
  }

  private void takeAcks() {
    InFlight f;
    while ((f = acks.poll()) != null) {
      ack(f);
    }
  }

  private void ack(InFlight f) {
    PartitionLines p = f.partition;
    f.counted = true;
    if (f.generation == p.generation && f.offset > p.counted) {
      p.counted = f.offset;
    }
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionLines p : partitions.values()) {
      if (p.state == State.FOLLOWING && p.counted > Math.max(p.committed, p.committing)) {
        offsets.put(p.topicPartition, new OffsetAndMetadata(p.counted));
        p.committing = p.counted;
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    long generation = generationsOf(offsets);
    consumer.commitAsync(
        offsets,
        (done, e) -> {
          if (e == null) {
            done.forEach((tp, o) -> committed(partitions.get(tp), o.offset()));
          } else {
            for (TopicPartition tp : offsets.keySet()) {
              PartitionLines p = partitions.get(tp);
              p.committing = p.committed; // asked again with the next round
            }
            if (!(e instanceof RetriableException) && generation == generationsOf(offsets)) {
              fail(e);
            }
          }
        });
  }

  /** Commits, and waits for, what is counted of {@code which}; a failure is noted. */
  private void commitSync(Collection<PartitionLines> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionLines p : which) {
      if (p.state == State.FOLLOWING && p.counted > p.committed) {
        offsets.put(p.topicPartition, new OffsetAndMetadata(p.counted));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, COMMIT_WAIT);
      offsets.forEach((tp, o) -> committed(partitions.get(tp), o.offset()));
    } catch (KafkaException e) {
      fail(e);
    }
  }

  private long generationsOf(Map<TopicPartition, OffsetAndMetadata> offsets) {
    long sum = 0;
    for (TopicPartition tp : offsets.keySet()) {
      sum += partitions.get(tp).generation;
    }
    return sum;
  }

  /** {@code offset} is committed for {@code p}: the batches it covers leave the in-flight count. */
  private void committed(PartitionLines p, long offset) {
    if (p == null || offset <= p.committed) {
      return;
    }
    p.committed = offset;
    while (!p.inFlight.isEmpty()
        && p.inFlight.peek().counted
        && p.inFlight.peek().offset <= offset) {
      p.inFlight.poll();
      inFlight--;
    }
  }

  /** Forgets the batches of {@code p} not yet committed (revoked or lost: not ours to commit). */
  private void release(PartitionLines p) {
    inFlight -= p.inFlight.size();
    p.inFlight.clear();
  }

  private void fail(Exception e) {
    readErrors++;
    String message = "kafka: " + e.getMessage();
    if (!message.equals(lastError)) {
      notes.accept(message);
    }
    lastError = message;
  }

  private void publish() {
    List<SourceStatus> all = new ArrayList<>(partitions.size() + 1);
    int assigned = 0;
    for (PartitionLines p : partitions.values()) {
      assigned += p.state == State.FOLLOWING ? 1 : 0;
    }
    all.add(
        new SourceStatus(
            name,
            state,
            0,
            0,
            0,
            0,
            0,
            readErrors,
            lastError != null
                ? lastError
                : "group " + settings.group() + ", " + assigned + " partitions assigned",
            0,
            SourceStatus.NO_LAG,
            Map.of()));
    for (PartitionLines p : partitions.values()) {
      all.add(p.status());
    }
    status = List.copyOf(all);
  }

  private static String names(Collection<TopicPartition> parts) {
    return parts.stream().map(tp -> tp.topic() + "-" + tp.partition()).collect(joining(", "));
  }

  /** Partitions coming and going, called by the consumer inside {@code poll}, on its thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final BooleanSupplier stop;

    Rebalance(BooleanSupplier stop) {
      this.stop = stop;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> parts) {
      if (parts.isEmpty()) {
        return;
      }
      everAssigned = true;
      state = State.FOLLOWING;
      for (TopicPartition tp : parts) {
        partitions
            .computeIfAbsent(
                tp, k -> new PartitionLines(k, settings.maxLineBytes(), settings.maxBatchLines()))
            .reassign(State.FOLLOWING);
      }
      if (paused) {
        consumer.pause(parts);
      }
      notes.accept("kafka: reading " + names(parts));
      publish();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> parts) {
      if (parts.isEmpty()) {
        return;
      }
      List<PartitionLines> leaving = parts.stream().map(partitions::get).toList();
      // Until their batches are counted: then the next member starts right after them.
      long deadline = nanoClock.getAsLong() + REVOKE_WAIT.toNanos();
      try {
        while (uncounted(leaving) && nanoClock.getAsLong() < deadline && !stop.getAsBoolean()) {
          InFlight f = acks.poll(20, TimeUnit.MILLISECONDS);
          if (f != null) {
            ack(f);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopping: the consumer throws on its next call
      }
      takeAcks(); // those that came in as the wait ended
      commitSync(leaving);
      end(leaving, "kafka: " + names(parts) + " moved to another member of the group");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> parts) {
      List<PartitionLines> lost = parts.stream().map(partitions::get).toList();
      // No longer a member: nothing may be committed; what is handed over may be counted twice.
      end(lost, "kafka: " + names(parts) + " lost (this member was dropped from the group)");
    }

    private boolean uncounted(List<PartitionLines> which) {
      for (PartitionLines p : which) {
        for (InFlight f : p.inFlight) {
          if (!f.counted) {
            return true;
          }
        }
      }
      return false;
    }

    private void end(List<PartitionLines> which, String note) {
      for (PartitionLines p : which) {
        if (p != null) {
          release(p);
          p.reassign(State.REVOKED);
        }
      }
      if (!stop.getAsBoolean()) {
        notes.accept(note);
      }
      publish();
    }
  }
}
