package dev.logmon.parse.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParsedLines;
import dev.logmon.parse.RowParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * JSON lines (one object per line) with a mapping from logmon's fields to JSON paths, as written by
 * nginx {@code log_format ... escape=json}, Caddy or Traefik.
 *
 * <p>Spec: {@code json} or {@code json:KEY=PATH[|PATH...],...}. Keys: {@code time status host user
 * method uri request bytes referer agent vhost duration_s duration_ms duration_us duration_ns}. A
 * path is dot-separated into nested objects ({@code request.remote_ip}); an array yields its first
 * element; {@code |} lists alternatives, the first present wins. A time may be ISO-8601, CLF or an
 * epoch number (seconds, or ms/us/ns by magnitude). Read with Jackson's streaming parser, no regex,
 * from the line decoded as text; a line read is stored whole, as a {@link ParsedLines#RECORD}.
 * Total and stateless.
 */
public final class JsonFormat implements RowParser {
  /** The mapping of {@code --format json}: the variable names an nginx escape=json config uses. */
  static final String NGINX_DEFAULTS =
      "time=time|time_iso8601|time_local|msec|@timestamp|timestamp,host=remote_addr,"
          + "user=remote_user,request=request,method=request_method,uri=request_uri,"
          + "status=status,bytes=body_bytes_sent|bytes_sent,referer=http_referer,"
          + "agent=http_user_agent,vhost=host|server_name,duration_s=request_time";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Map<String, FieldKind> KEYS =
      Map.ofEntries(
          Map.entry("time", FieldKind.TIME_ISO),
          Map.entry("status", FieldKind.STATUS),
          Map.entry("host", FieldKind.HOST),
          Map.entry("user", FieldKind.USER),
          Map.entry("method", FieldKind.METHOD),
          Map.entry("uri", FieldKind.TARGET),
          Map.entry("request", FieldKind.REQUEST),
          Map.entry("bytes", FieldKind.BYTES),
          Map.entry("referer", FieldKind.REFERRER),
          Map.entry("agent", FieldKind.USER_AGENT),
          Map.entry("vhost", FieldKind.VHOST),
          Map.entry("duration_s", FieldKind.DURATION_S),
          Map.entry("duration_ms", FieldKind.DURATION_MS),
          Map.entry("duration_us", FieldKind.DURATION_US),
          Map.entry("duration_ns", FieldKind.DURATION_NS));

  private final String spec;
  private final Map<String, FieldKind> byPath = new HashMap<>();
  private final Map<String, Integer> priority = new HashMap<>();
  private final Set<String> prefixes = new HashSet<>();

  private JsonFormat(String spec, Map<String, String> mapping) {
    this.spec = spec;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      String[] alternatives = e.getValue().split("\\|", -1);
      for (int i = 0; i < alternatives.length; i++) {
        String path = alternatives[i];
        byPath.put(path, KEYS.get(e.getKey()));
        priority.put(path, i);
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
          prefixes.add(path.substring(0, dot));
        }
      }
    }
  }

  /**
   * Compiles {@code json} or {@code json:KEY=PATH,...} (keys given replace the nginx defaults').
   *
   * @throws FormatException naming the offending key and its column
   */
  public static JsonFormat compile(String spec) {
    Map<String, String> mapping = new LinkedHashMap<>(pairs(NGINX_DEFAULTS, NGINX_DEFAULTS, 0));
    if (spec.startsWith("json:")) {
      mapping.putAll(pairs(spec.substring(5), spec, 5));
    } else if (!spec.equals("json")) {
      throw new FormatException("expected json or json:KEY=PATH,...", spec, 1);
    }
    return new JsonFormat(spec, mapping);
  }

  /** A format with exactly {@code mapping} ({@code KEY=PATH,...}), no defaults; for presets. */
  static JsonFormat of(String name, String mapping) {
    return new JsonFormat(name, pairs(mapping, mapping, 0));
  }

  /** A mapping written as {@code KEY=PATH,...}, starting at {@code offset} in {@code spec}. */
  static Map<String, String> pairs(String text, String spec, int offset) {
    Map<String, String> m = new LinkedHashMap<>();
    int column = offset + 1;
    for (String pair : text.split(",", -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (!KEYS.containsKey(key)) {
        throw new FormatException(
            "unknown json key '"
                + key
                + "' (one of "
                + String.join(" ", new java.util.TreeSet<>(KEYS.keySet()))
                + ")",
            spec,
            column);
      }
      if (eq < 0 || eq == pair.length() - 1) {
        throw new FormatException("json key '" + key + "' needs =PATH", spec, column);
      }
      m.put(key, pair.substring(eq + 1));
      column += pair.length() + 1;
    }
    return m;
  }

  @Override
  public byte parse(byte[] bytes, int from, int to, ParsedLines out, int i) {
    String line = out.text(from, to);
    if (line.isBlank()) {
      return ParsedLines.code(MalformedReason.EMPTY);
    }
    RecordBuilder b = new RecordBuilder();
    // In the line's order, so that of several bad fields the first one names the reason.
    Map<FieldKind, Integer> seen = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return ParsedLines.code(MalformedReason.FORMAT_MISMATCH);
      }
      if (!object(p, "", b, seen)) {
        return ParsedLines.code(MalformedReason.FORMAT_MISMATCH);
      }
      // Anything after the object but whitespace means this is not one JSON object per line.
      if (p.nextToken() != null) {
        return ParsedLines.code(MalformedReason.TRAILING_GARBAGE);
      }
    } catch (IOException | RuntimeException e) {
      return ParsedLines.code(MalformedReason.FORMAT_MISMATCH);
    }
    for (Map.Entry<FieldKind, Integer> e : seen.entrySet()) {
      if (e.getValue() < 0) {
        return ParsedLines.code(e.getKey().reason);
      }
    }
    return b.build(out, i);
  }

  /** Reads the object the parser is in; false on a value of a mapped path that does not read. */
  private boolean object(JsonParser p, String prefix, RecordBuilder b, Map<FieldKind, Integer> seen)
      throws IOException {
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        return false;
      }
      String path = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
      JsonToken v = p.nextToken();
      FieldKind kind = byPath.get(path);
      if (v == JsonToken.START_OBJECT) {
        if (prefixes.contains(path)) {
          if (!object(p, path, b, seen)) {
            return false;
          }
        } else {
          p.skipChildren();
        }
      } else if (v == JsonToken.START_ARRAY) {
        JsonToken first = p.nextToken();
        if (kind != null && first != null && first.isScalarValue()) {
          value(p, first, kind, path, b, seen);
        }
        if (first != JsonToken.END_ARRAY) {
          p.skipChildren();
          for (JsonToken r = p.nextToken(); r != JsonToken.END_ARRAY; r = p.nextToken()) {
            if (r == null) {
              return false;
            }
            p.skipChildren();
          }
        }
      } else if (kind != null && v != JsonToken.VALUE_NULL) {
        value(p, v, kind, path, b, seen);
      }
    }
    return true;
  }

  private void value(
      JsonParser p,
      JsonToken t,
      FieldKind kind,
      String path,
      RecordBuilder b,
      Map<FieldKind, Integer> seen)
      throws IOException {
    int rank = priority.get(path);
    Integer had = seen.get(kind);
    if (had != null && Math.abs(had) - 1 <= rank) {
      return; // an earlier alternative already gave this field
    }
    String text = p.getText();
    if (had != null && kind.isDuration()) {
      // This alternative outranks the one read before it; the builder keeps a first duration.
      b.durationMicros = LogRecord.NO_DURATION;
    }
    boolean ok;
    if (kind.isDuration() && text.isEmpty()) {
      ok = true; // nginx escape=json writes a variable it did not find as "": no duration
    } else if (kind == FieldKind.TIME_ISO) {
      ok = JsonValues.time(t, text, b);
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      ok = JsonValues.number(p, kind, b);
    } else {
      ok = b.set(kind, text, 0, text.length());
    }
    seen.put(kind, ok ? rank + 1 : -(rank + 1));
  }

  @Override
  public String toString() {
    return spec;
  }
}
