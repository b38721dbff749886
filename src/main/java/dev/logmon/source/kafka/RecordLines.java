package dev.logmon.source.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Takes the access-log line out of a Kafka record's value: the value itself, or, with a field named
 * ({@code --kafka-field message}), the text of that field of a JSON envelope, as Vector, Fluent Bit
 * or Filebeat ship it; a dotted name ({@code log.original}) reaches into nested objects.
 *
 * <p>The envelope is read with Jackson's streaming parser and skipped field by field, so a large
 * envelope costs no tree; Jackson's own read limits (nesting depth, text length) bound the work.
 * Total: a value that is no envelope is a {@link RecordRejection}, never an exception.
 */
final class RecordLines {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** Where a line was found: in {@code bytes[off, off + len)}, or null bytes and a reason. */
  @SuppressWarnings("ArrayRecordComponent") // a view of the record's bytes, never compared
  record Line(byte[] bytes, int off, int len, RecordRejection rejection) {}

  private final List<String> path;

  /** Lines from whole values ({@code field} null) or from that field of a JSON envelope. */
  RecordLines(String field) {
    this.path = field == null ? null : List.of(field.split("\\.", -1));
  }

  /** The line of a record whose value is {@code value} (null for a tombstone). */
  Line of(byte[] value) {
    if (value == null) {
      return new Line(null, 0, 0, RecordRejection.NO_VALUE);
    }
    if (path == null) {
      return new Line(value, 0, value.length, null);
    }
    try (JsonParser p = JSON.createParser(value)) {
      String text = find(p);
      if (text == null) {
        return new Line(null, 0, 0, RecordRejection.MISSING_FIELD);
      }
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      return new Line(b, 0, b.length, null);
    } catch (IOException e) { // not JSON, or JSON but no object (NotAnObject)
      return new Line(null, 0, 0, RecordRejection.BAD_ENVELOPE);
    }
  }

  /** The text at the path, or null if the object has none there; throws if it is no object. */
  private String find(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new NotAnObject();
    }
    for (int depth = 0; ; ) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT || t == null) {
        return null; // the object ended without the field
      }
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (!path.get(depth).equals(name)) {
        p.skipChildren();
      } else if (depth == path.size() - 1) {
        return value == JsonToken.VALUE_STRING ? p.getText() : null;
      } else if (value == JsonToken.START_OBJECT) {
        depth++;
      } else {
        return null;
      }
    }
  }

  /** The value is JSON but not an object. */
  private static final class NotAnObject extends IOException {
    NotAnObject() {
      super(null, null);
    }
  }
}
