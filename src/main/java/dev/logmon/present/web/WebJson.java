package dev.logmon.present.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.aggregate.StatusClasses;
import dev.logmon.aggregate.TrafficSnapshot;
import dev.logmon.aggregate.WindowStats;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertState;
import dev.logmon.present.MonitorView;
import dev.logmon.present.SourceView;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON documents of the web API, with the field names of {@code --output json}.
 *
 * <p>Besides JSON's own escaping, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are written as
 * {@code \}{@code uXXXX}, so a {@code </script>} in a log line stays inert even if a document is
 * ever embedded in HTML.
 */
public final class WebJson {
  /** Alert events carried in every snapshot; the full history is at {@code /api/alerts}. */
  static final int RECENT_ALERTS = 50;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final CharacterEscapes ESCAPES = new HtmlSafeEscapes();

  private WebJson() {}

  /** The snapshot document: rates, windows, charts, tables, alert state and recent alerts. */
  public static String snapshot(MonitorView view, boolean finished) {
    return write(
        g -> {
          TrafficSnapshot t = view.traffic();
          LifetimeTotals l = t.lifetime();
          g.writeStringField("time", time(t));
          g.writeBooleanField("finished", finished);
          g.writeNumberField("rate_10s", round(t.frame().rate()));
          g.writeNumberField("rate_window", round(t.window().rate()));
          g.writeNumberField("window_seconds", view.windowSeconds());
          g.writeNumberField("rate_lifetime", round(l.rate()));
          g.writeNumberField("hits_total", l.hits());
          g.writeNumberField("bytes_total", l.bytes());
          g.writeNumberField("malformed_total", l.malformedTotal());
          g.writeNumberField("late_total", l.late());
          g.writeBooleanField("alert_active", view.alert().active());
          alertState(g, view.alert());
          g.writeObjectFieldStart("frame");
          window(g, t.frame());
          g.writeEndObject();
          g.writeObjectFieldStart("window");
          window(g, t.window());
          g.writeEndObject();
          g.writeObjectFieldStart("lifetime");
          statusClasses(g, l.statusClasses());
          sections(g, l.topSections());
          hosts(g, l.topHosts());
          counts(g, "methods", l.methods());
          g.writeEndObject();
          numbers(g, "hits_per_minute", t.hitsPerMinute());
          List<AlertEvent> h = view.alert().history();
          events(g, h.subList(Math.max(0, h.size() - RECENT_ALERTS), h.size()));
          sources(g, view.sources());
        });
  }

  /** The alert history document: the state and every event, oldest first. */
  public static String alerts(MonitorView view) {
    return write(
        g -> {
          alertState(g, view.alert());
          g.writeNumberField("window_seconds", view.windowSeconds());
          events(g, view.alert().history());
        });
  }

  private static void alertState(JsonGenerator g, AlertState a) throws IOException {
    g.writeObjectFieldStart("alert");
    g.writeBooleanField("active", a.active());
    g.writeStringField("rule", a.rule().label());
    g.writeNumberField("threshold", a.threshold());
    g.writeNumberField(
        "alerts_total", a.history().stream().filter(e -> e instanceof AlertEvent.Raised).count());
    g.writeEndObject();
  }

  private static void events(JsonGenerator g, List<AlertEvent> events) throws IOException {
    g.writeArrayFieldStart("alerts");
    for (AlertEvent e : events) {
      g.writeStartObject();
      g.writeStringField("type", e instanceof AlertEvent.Raised ? "alert" : "recovery");
      g.writeStringField("time", e.formattedTime());
      g.writeNumberField("value", round(e.value()));
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void window(JsonGenerator g, WindowStats w) throws IOException {
    g.writeNumberField("interval_seconds", w.seconds());
    g.writeNumberField("hits", w.hits());
    g.writeNumberField("hits_per_second", round(w.rate()));
    g.writeNumberField("bytes", w.bytes());
    statusClasses(g, w.statusClasses());
    g.writeNumberField("error_rate", round(w.statusClasses().errorRate()));
    sections(g, w.topSections());
    hosts(g, w.topHosts());
    counts(g, "methods", w.methods());
    g.writeNumberField("unique_clients", w.uniqueClients());
    numbers(g, "hits_by_second", w.hitsPerSecond());
  }

  private static void statusClasses(JsonGenerator g, StatusClasses c) throws IOException {
    g.writeObjectFieldStart("status_classes");
    g.writeNumberField("1xx", c.informational());
    g.writeNumberField("2xx", c.success());
    g.writeNumberField("3xx", c.redirect());
    g.writeNumberField("4xx", c.clientError());
    g.writeNumberField("5xx", c.serverError());
    g.writeNumberField("other", c.other());
    g.writeEndObject();
  }

  private static void sections(JsonGenerator g, List<SectionStat> s) throws IOException {
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

  private static void hosts(JsonGenerator g, List<HostStat> h) throws IOException {
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

  private static void counts(JsonGenerator g, String name, List<Count> c) throws IOException {
    // Sorted by key so the document is stable whatever order the counts came in.
    Map<String, Long> sorted = new TreeMap<>();
    c.forEach(x -> sorted.put(x.key(), x.count()));
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void numbers(JsonGenerator g, String name, List<Long> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (long v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void sources(JsonGenerator g, List<SourceView> sources) throws IOException {
    g.writeArrayFieldStart("sources");
    for (SourceView s : sources) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("state", s.state());
      g.writeNumberField("lines", s.lines());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static String time(TrafficSnapshot t) {
    return OffsetDateTime.ofInstant(t.time(), t.offset()).format(AlertEvent.TIME_FORMAT);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** One document's fields. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** Writes one object with the given fields, on one line. */
  static String write(Body body) {
    StringWriter w = new StringWriter(4096);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.setCharacterEscapes(ESCAPES);
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** JSON escaping plus the characters that matter to HTML and to old JavaScript parsers. */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] table = CharacterEscapes.standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      table['<'] = CharacterEscapes.ESCAPE_STANDARD;
      table['>'] = CharacterEscapes.ESCAPE_STANDARD;
      table['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializedString getEscapeSequence(int ch) {
      if (ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
