package dev.logmon.source.kafka;

import dev.logmon.source.LineBatch;
import dev.logmon.source.MessageBatches;
import dev.logmon.source.SourceStatus;
import dev.logmon.source.SourceStatus.State;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition as a source: its lines on their way into batches, its counters, and where it
 * stands: the offsets fetched, counted (the pipeline has counted every line before it) and
 * committed, and the batches handed over but not yet committed.
 *
 * <p>Not thread-safe: the consumer thread owns it.
 */
final class PartitionLines {
  /** A batch handed over and not yet committed, and the offset its counting makes safe. */
  static final class InFlight {
    final LineBatch batch;
    final PartitionLines partition;
    final long generation;
    final long offset;
    boolean counted;

    InFlight(LineBatch batch, PartitionLines partition, long offset) {
      this.batch = batch;
      this.partition = partition;
      this.generation = partition.generation;
      this.offset = offset;
    }
  }

  final TopicPartition topicPartition;
  final String name;
  final MessageBatches batches;
  final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final Map<RecordRejection, Long> rejected = new EnumMap<>(RecordRejection.class);

  /** Bumped at every assignment and revocation: counts for an older one commit nothing. */
  long generation;

  State state = State.WAITING;
  long lines;
  long bytes;

  /** The offset after the last record handed over, or -1 before any since the assignment. */
  long fetched = -1;

  /** Every record before this offset was handed over (or rejected); -1 before any. */
  long handedUpTo = -1;

  /** Every record before this offset is counted (or rejected); -1 while unknown. */
  long counted = -1;

  /** The offset last committed, and the one a commit still on its way asks for. */
  long committed = -1;

  long committing = -1;

  /** Records after the fetched position, as the consumer last knew; -1 if unknown. */
  long fetchLag = -1;

  PartitionLines(TopicPartition tp, int maxLineBytes, int maxBatchLines) {
    this.topicPartition = tp;
    this.name = tp.topic() + "-" + tp.partition();
    this.batches = new MessageBatches(name, null, maxLineBytes, maxBatchLines);
  }

  /** Starts a new assignment (or ends one): positions are forgotten, counters kept. */
  void reassign(State now) {
    generation++;
    state = now;
    fetched = -1;
    handedUpTo = -1;
    counted = -1;
    committed = -1;
    committing = -1;
    fetchLag = -1;
  }

  void reject(RecordRejection reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  /** Records in the partition after the last one counted, or {@link SourceStatus#NO_LAG}. */
  long lag() {
    if (state != State.FOLLOWING || fetchLag < 0) {
      return SourceStatus.NO_LAG;
    }
    return fetchLag + (fetched >= 0 && counted >= 0 ? fetched - counted : 0);
  }

  SourceStatus status() {
    Map<String, Long> byKey = new LinkedHashMap<>();
    rejected.forEach((r, n) -> byKey.put(r.key(), n));
    return new SourceStatus(
        name, state, lines, bytes, 0, 0, batches.oversizeLines(), 0, null, 0, lag(), byKey);
  }
}
