package dev.logmon.present.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertState;
import dev.logmon.present.BreakdownJson;
import dev.logmon.present.JsonEscapes;
import dev.logmon.present.JsonFields;
import dev.logmon.present.LatencyJson;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Units;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON documents of the web API, with the field names of {@code --output json}.
 *
 * <p>Besides JSON's own escaping, {@code <}, {@code >}, {@code &}, and the characters a terminal or
 * page must not show raw ({@link JsonEscapes}) are written as {@code \}{@code uXXXX}, so a {@code
 * </script>} in a log line stays inert even if a document is ever embedded in HTML.
 */
public final class WebJson {
  /** Alert events carried in every snapshot; the full history is at {@code /api/alerts}. */
  static final int RECENT_ALERTS = 50;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private WebJson() {}

  /**
   * The snapshot document: rates, windows, charts, tables, alert state, recent alerts, and latency
   * and vhosts when the log has them.
   */
  public static String snapshot(MonitorView view, boolean finished) {
    return write(
        g -> {
          TrafficSnapshot t = view.traffic();
          LifetimeTotals l = t.lifetime();
          g.writeStringField("time", Units.time(t));
          g.writeBooleanField("finished", finished);
          g.writeNumberField("rate_10s", JsonFields.round(t.frame().rate()));
          g.writeNumberField("rate_window", JsonFields.round(t.window().rate()));
          g.writeNumberField("window_seconds", view.windowSeconds());
          g.writeNumberField("rate_lifetime", JsonFields.round(l.rate()));
          g.writeNumberField("hits_total", l.hits());
          g.writeNumberField("bytes_total", l.bytes());
          g.writeNumberField("malformed_total", l.malformedTotal());
          BreakdownJson.filtered(g, l);
          g.writeNumberField("late_total", l.late());
          g.writeNumberField("future_total", l.future());
          g.writeBooleanField("alert_active", view.alert().active());
          alertState(g, view);
          g.writeObjectFieldStart("frame");
          window(g, t.frame());
          g.writeEndObject();
          g.writeObjectFieldStart("window");
          window(g, t.window());
          g.writeEndObject();
          g.writeObjectFieldStart("lifetime");
          JsonFields.statusClasses(g, "status_classes", l.statusClasses());
          JsonFields.sections(g, l.topSections());
          JsonFields.hosts(g, l.topHosts());
          JsonFields.counts(g, "methods", l.methods());
          g.writeEndObject();
          numbers(g, "hits_per_minute", t.hitsPerMinute());
          List<AlertEvent> h = view.alert().history();
          JsonFields.alertEvents(g, h.subList(Math.max(0, h.size() - RECENT_ALERTS), h.size()));
          JsonFields.sources(g, view.sources());
          LatencyJson.write(g, view.latency());
          BreakdownJson.write(g, view.breakdowns());
        });
  }

  /** The alert history document: the state and every event, oldest first. */
  public static String alerts(MonitorView view) {
    return write(
        g -> {
          alertState(g, view);
          g.writeNumberField("window_seconds", view.windowSeconds());
          JsonFields.alertEvents(g, view.alert().history());
        });
  }

  private static void alertState(JsonGenerator g, MonitorView view) throws IOException {
    AlertState a = view.alert();
    g.writeObjectFieldStart("alert");
    g.writeBooleanField("active", a.active());
    g.writeBooleanField("latency_active", view.latencyAlertActive());
    g.writeStringField("rule", a.rule().label());
    g.writeNumberField("threshold", a.threshold());
    g.writeNumberField(
        "alerts_total", a.history().stream().filter(e -> e instanceof AlertEvent.Raised).count());
    g.writeEndObject();
  }

  private static void window(JsonGenerator g, WindowStats w) throws IOException {
    g.writeNumberField("interval_seconds", w.seconds());
    g.writeNumberField("hits", w.hits());
    g.writeNumberField("hits_per_second", JsonFields.round(w.rate()));
    g.writeNumberField("bytes", w.bytes());
    JsonFields.statusClasses(g, "status_classes", w.statusClasses());
    g.writeNumberField("error_rate", JsonFields.round(w.statusClasses().errorRate()));
    JsonFields.sections(g, w.topSections());
    JsonFields.hosts(g, w.topHosts());
    JsonFields.counts(g, "methods", w.methods());
    g.writeNumberField("unique_clients", w.uniqueClients());
    numbers(g, "hits_by_second", w.hitsPerSecond());
  }

  private static void numbers(JsonGenerator g, String name, List<Long> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (long v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  /** Writes one object with the given fields, on one line. */
  static String write(JsonFields.Body body) {
    StringWriter w = new StringWriter(4096);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.setCharacterEscapes(JsonEscapes.HTML_SAFE);
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
