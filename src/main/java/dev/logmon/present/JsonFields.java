package dev.logmon.present;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.alert.AlertEvent;
import dev.logmon.source.SourceStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes shared by every JSON output (the {@code --output json} lines and the web API), so
 * one field name never means two things.
 */
public final class JsonFields {
  private JsonFields() {}

  /** The fields of one JSON object, written into an open object. */
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** {@code "name": {"1xx": n, ..., "5xx": n, "other": n}}. */
  public static void statusClasses(JsonGenerator g, String name, StatusClasses c)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("1xx", c.informational());
    g.writeNumberField("2xx", c.success());
    g.writeNumberField("3xx", c.redirect());
    g.writeNumberField("4xx", c.clientError());
    g.writeNumberField("5xx", c.serverError());
    g.writeNumberField("other", c.other());
    g.writeEndObject();
  }

  /** {@code "sections": [{"section", "hits", "share", "server_errors"}]}, most hits first. */
  public static void sections(JsonGenerator g, List<SectionStat> s) throws IOException {
    g.writeArrayFieldStart("sections");
    for (SectionStat x : s) {
      g.writeStartObject();
      g.writeStringField("section", x.section());
      g.writeNumberField("hits", x.hits());
      g.writeNumberField("share", round(x.share()));
      g.writeNumberField("server_errors", x.serverErrors());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code "top_hosts": [{"host", "bytes", "hits"}]}, most bytes first. */
  public static void hosts(JsonGenerator g, List<HostStat> h) throws IOException {
    g.writeArrayFieldStart("top_hosts");
    for (HostStat x : h) {
      g.writeStartObject();
      g.writeStringField("host", x.host());
      g.writeNumberField("bytes", x.bytes());
      g.writeNumberField("hits", x.hits());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code "name": {"key": count, ...}} in the order given (most first). */
  public static void counts(JsonGenerator g, String name, List<Count> c) throws IOException {
    g.writeObjectFieldStart(name);
    for (Count x : c) {
      g.writeNumberField(x.key(), x.count());
    }
    g.writeEndObject();
  }

  /** {@code "sources": [...]}: each watched file with its state and counters. */
  public static void sources(JsonGenerator g, List<SourceView> sources) throws IOException {
    g.writeArrayFieldStart("sources");
    for (SourceView v : sources) {
      SourceStatus s = v.status();
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("state", v.state());
      g.writeNumberField("lines", s.lines());
      g.writeNumberField("bytes", s.bytes());
      g.writeNumberField("rotations", s.rotations());
      g.writeNumberField("truncations", s.truncations());
      g.writeNumberField("oversize_lines", s.oversizeLines());
      g.writeNumberField("read_errors", s.readErrors());
      g.writeNumberField("future", v.future());
      // Network inputs only: files have nothing dropped, no lag and nothing rejected.
      if (s.dropped() > 0) {
        g.writeNumberField("dropped", s.dropped());
      }
      if (s.lag() != SourceStatus.NO_LAG) {
        g.writeNumberField("lag", s.lag());
      }
      if (!s.rejected().isEmpty()) {
        g.writeObjectFieldStart("rejected");
        for (Map.Entry<String, Long> e : s.rejected().entrySet()) {
          g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      if (s.lastError() != null) {
        g.writeStringField("detail", s.lastError());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** The fields of an alert or recovery: {@code type, time, value, message}. */
  public static void alertEvent(JsonGenerator g, AlertEvent e) throws IOException {
    g.writeStringField("type", e.raised() ? "alert" : "recovery");
    if (e.latency()) {
      g.writeStringField("alert", "latency"); // value is the p95 in ms; traffic events say nothing
    }
    g.writeStringField("time", e.formattedTime());
    g.writeNumberField("value", round(e.value()));
    g.writeStringField("message", e.message());
  }

  /** {@code "alerts": [...]}: each event's fields ({@link #alertEvent}), oldest first. */
  public static void alertEvents(JsonGenerator g, List<AlertEvent> events) throws IOException {
    g.writeArrayFieldStart("alerts");
    for (AlertEvent e : events) {
      g.writeStartObject();
      alertEvent(g, e);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Rounds rates and shares to 4 decimals so output is stable and short; counts stay exact. */
  public static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
