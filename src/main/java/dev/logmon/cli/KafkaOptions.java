package dev.logmon.cli;

import dev.logmon.source.LogSource;
import dev.logmon.source.TailOptions;
import dev.logmon.source.kafka.KafkaSettings;
import dev.logmon.source.kafka.KafkaSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/** The Kafka input's options, mixed into {@link LogmonCommand}, and the consumer they make. */
final class KafkaOptions {
  @Option(
      names = "--kafka",
      paramLabel = "BOOTSTRAP",
      description =
          "Also consume access-log lines from Kafka, starting from these brokers"
              + " (host:port[,host:port...]); needs --topic. Each partition is a source; offsets"
              + " are committed only once their lines are counted.")
  String bootstrap;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "The Kafka topic to consume (with --kafka).")
  String topic;

  @Option(
      names = "--group",
      paramLabel = "ID",
      description =
          "The consumer group (default: ${DEFAULT-VALUE}): logmon instances in one group share"
              + " the topic's partitions.")
  String group = "logmon";

  @Option(
      names = "--kafka-field",
      paramLabel = "FIELD",
      description =
          "Records are JSON envelopes (as Vector, Fluent Bit or Filebeat ship them) with the line"
              + " in this field, e.g. message; a dotted name reaches into nested objects"
              + " (default: the whole value is the line).")
  String field;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka consumer settings (Java properties: security.protocol, sasl.*, ssl.*, ...).")
  Path config;

  boolean enabled() {
    return bootstrap != null;
  }

  /** What is wrong with the options, or null. */
  String problem() {
    if (bootstrap == null) {
      boolean any = topic != null || field != null || config != null || !group.equals("logmon");
      return any ? "--topic, --group, --kafka-field and --kafka-config need --kafka" : null;
    }
    if (bootstrap.isBlank()) {
      return "--kafka needs brokers (host:port[,host:port...])";
    }
    if (topic == null || topic.isBlank()) {
      return "--kafka needs --topic";
    }
    if (group.isBlank()) {
      return "--group must not be empty";
    }
    if (field != null && (field.isEmpty() || field.startsWith(".") || field.endsWith("."))) {
      return "--kafka-field must be a field name (a.b for a nested one)";
    }
    return null;
  }

  /** The consumer, not yet subscribed; its watcher. */
  LogSource open(boolean fromStart, int maxLineBytes, Consumer<String> note) throws IOException {
    KafkaSettings settings =
        new KafkaSettings(
            bootstrap,
            topic,
            group,
            field,
            fromStart,
            maxLineBytes,
            TailOptions.DEFAULT_MAX_BATCH_LINES,
            clientSettings());
    try {
      KafkaSource source = KafkaSource.open(settings, note);
      note.accept("kafka: consuming " + topic + " from " + bootstrap + " as group " + group);
      return source;
    } catch (KafkaException e) {
      throw new IOException("cannot consume --kafka " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private Map<String, String> clientSettings() throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (config == null) {
      return out;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IOException("cannot read --kafka-config " + config + ": " + e.getMessage(), e);
    }
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }
}
