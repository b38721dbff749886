/**
 * The Kafka input ({@code --kafka}): a member of a consumer group whose partitions are sources of
 * their own, with offsets committed only once their lines are counted. Depends only on {@code
 * source} (and the official {@code kafka-clients}).
 */
package dev.logmon.source.kafka;
