package dev.logmon.present;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.parse.MalformedReason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON lines output: one object per line with a {@code type} of {@code report}, {@code alert},
 * {@code recovery} or {@code summary}. Field names are snake_case and stable; see the README.
 */
public final class JsonPresenter implements Presenter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private final OutputStream out;

  public JsonPresenter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void report(MonitorView view) {
    write(
        g -> {
          g.writeStringField("type", "report");
          common(g, view);
          window(g, view.traffic().report());
          JsonFields.sources(g, view.sources());
          LatencyJson.write(g, view.latency());
        });
  }

  @Override
  public void alert(AlertEvent event, MonitorView view) {
    write(
        g -> {
          JsonFields.alertEvent(g, event);
          g.writeStringField("rule", view.alert().rule().label());
          g.writeNumberField("threshold", view.alert().threshold());
          g.writeNumberField("window_seconds", view.windowSeconds());
        });
  }

  @Override
  public void summary(MonitorView view) {
    write(
        g -> {
          g.writeStringField("type", "summary");
          common(g, view);
          LifetimeTotals l = view.traffic().lifetime();
          g.writeNumberField("bytes_total", l.bytes());
          JsonFields.statusClasses(g, "status_classes", l.statusClasses());
          JsonFields.sections(g, l.topSections());
          JsonFields.hosts(g, l.topHosts());
          JsonFields.counts(g, "methods", l.methods());
          g.writeNumberField("malformed_requests_total", l.malformedRequests());
          g.writeNumberField(
              "alerts_total",
              view.alert().history().stream().filter(e -> e instanceof AlertEvent.Raised).count());
          JsonFields.sources(g, view.sources());
          BreakdownJson.write(g, view.breakdowns());
        });
  }

  /** Per-file counters, in reports and the summary alike. */
  private static void common(JsonGenerator g, MonitorView view) throws IOException {
    TrafficSnapshot t = view.traffic();
    LifetimeTotals l = t.lifetime();
    g.writeStringField("time", Units.time(t));
    g.writeNumberField("rate_10s", JsonFields.round(t.frame().rate()));
    g.writeNumberField("rate_window", JsonFields.round(t.window().rate()));
    g.writeNumberField("window_seconds", view.windowSeconds());
    g.writeNumberField("rate_lifetime", JsonFields.round(l.rate()));
    g.writeNumberField("hits_total", l.hits());
    g.writeNumberField("malformed_total", l.malformedTotal());
    g.writeObjectFieldStart("malformed");
    Map<String, Long> byKey = new TreeMap<>();
    for (Map.Entry<MalformedReason, Long> e : l.malformed().entrySet()) {
      byKey.put(e.getKey().key(), e.getValue());
    }
    for (Map.Entry<String, Long> e : byKey.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    BreakdownJson.filtered(g, l);
    g.writeNumberField("late_total", l.late());
    g.writeNumberField("future_total", l.future());
    g.writeBooleanField("alert_active", view.alert().active());
  }

  private static void window(JsonGenerator g, WindowStats w) throws IOException {
    g.writeNumberField("interval_seconds", w.seconds());
    g.writeNumberField("hits", w.hits());
    g.writeNumberField("hits_per_second", JsonFields.round(w.rate()));
    g.writeNumberField("bytes", w.bytes());
    JsonFields.statusClasses(g, "status_classes", w.statusClasses());
    g.writeNumberField("error_rate", JsonFields.round(w.statusClasses().errorRate()));
    g.writeNumberField("server_error_rate", JsonFields.round(w.statusClasses().serverErrorRate()));
    JsonFields.sections(g, w.topSections());
    JsonFields.hosts(g, w.topHosts());
    JsonFields.counts(g, "methods", w.methods());
    JsonFields.counts(g, "top_statuses", w.topStatuses());
    g.writeNumberField("unique_clients", w.uniqueClients());
    g.writeNumberField("malformed_requests", w.malformedRequests());
  }

  private void write(JsonFields.Body body) {
    try {
      JsonGenerator g = FACTORY.createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setCharacterEscapes(JsonEscapes.TERMINAL);
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
