package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedBatchQueueTest {
  private static LineBatch batch(String line) {
    return Batches.of("t", 1, List.of(line));
  }

  @Test
  void putBlocksProducerWhileFullAndResumesWhenConsumerTakes() throws Exception {
    BoundedBatchQueue queue = new BoundedBatchQueue(4); // bytes: two one-byte lines
    queue.put(batch("1"));
    queue.put(batch("2"));
    CountDownLatch done = new CountDownLatch(1);
    Thread producer =
        new Thread(
            () -> {
              try {
                queue.put(batch("3"));
                done.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    producer.start();
    // Wait (bounded, no sleep) until the producer is parked inside put().
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(producer.getState()).isEqualTo(Thread.State.WAITING);
    assertThat(done.getCount()).isEqualTo(1);
    assertThat(queue.size()).isEqualTo(2);

    assertThat(queue.poll(1, TimeUnit.SECONDS).lines()).containsExactly("1");
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    producer.join(10_000);
    List<LineBatch> rest = new ArrayList<>();
    assertThat(queue.drainTo(rest)).isEqualTo(2);
    assertThat(rest).extracting(b -> b.lines().get(0)).containsExactly("2", "3");
  }

  @Test
  void offerTimesOutWhenFullAndNeverDrops() throws Exception {
    BoundedBatchQueue queue = new BoundedBatchQueue(2);
    assertThat(queue.offer(batch("1"), 1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(batch("2"), 1, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(queue.capacity()).isEqualTo(2);
    assertThat(queue.poll(1, TimeUnit.MILLISECONDS).lines()).containsExactly("1");
    assertThat(queue.poll(1, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void boundsTheBytesHeldWhateverTheBatches() throws Exception {
    BoundedBatchQueue queue = new BoundedBatchQueue(8); // "1\n2\n3\n" weighs 6, "4\n" 2
    LineBatch three = Batches.of("t", 1, List.of("1", "2", "3"));
    assertThat(queue.offer(three, 1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(batch("4"), 1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(batch("5"), 1, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(queue.poll(1, TimeUnit.MILLISECONDS)).isSameAs(three);
    assertThat(queue.offer(three, 1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(batch("5"), 1, TimeUnit.MILLISECONDS)).isFalse();
    List<LineBatch> all = new ArrayList<>();
    assertThat(queue.drainTo(all)).isEqualTo(2);
    // A batch over the whole capacity still goes through an empty queue, alone.
    LineBatch five = Batches.of("t", 1, List.of("1", "2", "3", "4", "5"));
    assertThat(queue.offer(five, 1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(queue.offer(batch("6"), 1, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(queue.capacity()).isEqualTo(8);
  }
}
