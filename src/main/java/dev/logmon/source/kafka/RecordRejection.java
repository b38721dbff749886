package dev.logmon.source.kafka;

import java.util.Locale;

/** Why a Kafka record yielded no line; each reason is counted on its own, per partition. */
public enum RecordRejection {
  NO_VALUE, // record without a value (a tombstone)
  BAD_ENVELOPE, // value is not a JSON object
  MISSING_FIELD; // JSON envelope without a text in the --kafka-field

  /** A stable snake_case key, used in JSON and metrics. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
