package dev.logmon.source.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * What the Kafka input consumes and how.
 *
 * @param bootstrap the brokers to start from, {@code host:port[,host:port...]}
 * @param topic the topic whose partitions are read
 * @param group the consumer group: instances in one group share the partitions
 * @param field null when a record's value is the line, else the JSON field holding it
 * @param fromStart with no offset committed for the group yet, read a partition from its start
 *     (else from its end, as a file is followed from its end)
 * @param maxLineBytes longer lines are cut to this and counted as oversize
 * @param maxBatchLines the most lines handed over in one batch
 * @param client further consumer settings (security, timeouts), from {@code --kafka-config}
 */
public record KafkaSettings(
    String bootstrap,
    String topic,
    String group,
    String field,
    boolean fromStart,
    int maxLineBytes,
    int maxBatchLines,
    Map<String, String> client) {
  public KafkaSettings {
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(group, "group");
    client = Map.copyOf(client);
  }
}
