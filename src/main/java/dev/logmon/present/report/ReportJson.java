package dev.logmon.present.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.DurationCounts;
import dev.logmon.aggregate.HistoryCounts.Bucket;
import dev.logmon.aggregate.HistorySnapshot;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.alert.AlertEvent;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.JsonFields;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Units;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as JSON, the source of truth the HTML report embeds and draws: the span and totals,
 * the traffic chart ({@link ChartSeries}) with the alert periods, the alert history and the
 * lifetime tables, each table as columns and rows so a reader needs no knowledge of its kind.
 */
public final class ReportJson {
  /** The version of this shape, bumped when a field changes meaning. */
  static final int VERSION = 1;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private ReportJson() {}

  /** The report of {@code view} (whose history must have been asked for), as one JSON object. */
  public static String of(MonitorView view, Instant generated) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, view, generated);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, MonitorView view, Instant generated)
      throws IOException {
    LifetimeTotals l = view.traffic().lifetime();
    HistorySnapshot h = view.history();
    ZoneOffset offset = view.traffic().offset();
    ChartSeries chart = ChartSeries.of(h.counts());
    g.writeStartObject();
    g.writeNumberField("logmon_report", VERSION);
    g.writeStringField("generated", iso(generated.getEpochSecond(), offset));
    g.writeStringField("time", Units.time(view.traffic()));
    g.writeBooleanField("finished", view.finished());
    List<Bucket> b = chart.buckets();
    g.writeObjectFieldStart("span");
    if (!b.isEmpty()) {
      long from = firstWithHits(b);
      long to = lastWithHits(b);
      g.writeStringField("from", iso(from, offset));
      g.writeStringField("to", iso(to, offset));
      g.writeNumberField("seconds", to - from);
    }
    g.writeEndObject();

    g.writeObjectFieldStart("totals");
    g.writeNumberField("hits", l.hits());
    g.writeNumberField("errors", l.statusClasses().clientError() + l.statusClasses().serverError());
    g.writeNumberField("server_errors", l.statusClasses().serverError());
    g.writeNumberField("bytes", l.bytes());
    g.writeNumberField("malformed", l.malformedTotal());
    g.writeNumberField("late", l.late());
    g.writeNumberField("future", l.future());
    g.writeNumberField("malformed_requests", l.malformedRequests());
    g.writeNumberField("filtered", l.filteredTotal());
    g.writeNumberField("alerts", view.alert().history().stream().filter(e -> e.raised()).count());
    if (h.counts().earlier() != null) {
      g.writeNumberField("hits_before_chart", h.counts().earlier().hits());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("malformed");
    Map<String, Long> byReason = new TreeMap<>();
    for (Map.Entry<MalformedReason, Long> e : l.malformed().entrySet()) {
      byReason.put(e.getKey().label(), e.getValue());
    }
    for (Map.Entry<String, Long> e : byReason.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    // Lines left out by filters, by rule in the order of the rules (rules that left none out too).
    JsonFields.counts(g, "filtered", l.filtered());
    JsonFields.statusClasses(g, "status_classes", l.statusClasses());

    g.writeObjectFieldStart("chart");
    g.writeNumberField("bucket_seconds", chart.bucketSeconds());
    g.writeNumberField("offset_seconds", offset.getTotalSeconds());
    g.writeArrayFieldStart("buckets");
    for (Bucket x : b) {
      g.writeStartArray();
      g.writeNumber(x.start());
      g.writeNumber(x.hits());
      g.writeNumber(x.clientErrors() + x.serverErrors());
      g.writeNumber(x.bytes());
      g.writeEndArray();
    }
    g.writeEndArray();
    // Request durations, estimated from each bucket's DurationCounts, where the log has them.
    g.writeArrayFieldStart("latency");
    for (Bucket x : b) {
      if (x.durations() != null) {
        long[] c = x.durations().counts();
        g.writeStartArray();
        g.writeNumber(x.start());
        g.writeNumber(x.durations().total());
        for (double q : new double[] {0.5, 0.95, 0.99}) {
          g.writeNumber(JsonFields.round(DurationCounts.quantileMillis(c, q)));
        }
        g.writeEndArray();
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("alert_periods");
    for (AlertPeriods.Period p : AlertPeriods.of(view.alert().history())) {
      g.writeStartObject();
      g.writeStringField("alert", p.latency() ? "latency" : "traffic");
      g.writeNumberField("from", p.from());
      if (p.to() != AlertPeriods.OPEN) {
        g.writeNumberField("to", p.to());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();

    JsonFields.alertEvents(g, view.alert().history());

    g.writeArrayFieldStart("tables");
    sections(g, h.sections());
    clients(g, h.clients());
    counts(g, "methods", "Methods", "method", h.methods());
    counts(g, "status_codes", "Status codes", "status", h.counts().statuses());
    if (!h.vhosts().isEmpty()) {
      counts(g, "vhosts", "Virtual hosts", "vhost", h.vhosts());
    }
    breakdowns(g, h.breakdowns());
    g.writeEndArray();
    JsonFields.sources(g, view.sources());
    g.writeEndObject();
  }

  private static long firstWithHits(List<Bucket> b) {
    for (Bucket x : b) {
      if (x.hits() > 0) {
        return x.start();
      }
    }
    return b.get(0).start();
  }

  private static long lastWithHits(List<Bucket> b) {
    for (int i = b.size() - 1; i >= 0; i--) {
      if (b.get(i).hits() > 0) {
        return b.get(i).start() + b.get(i).seconds();
      }
    }
    return b.get(b.size() - 1).start() + b.get(b.size() - 1).seconds();
  }

  private static String iso(long epochSecond, ZoneOffset offset) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), offset)
        .format(AlertEvent.TIME_FORMAT);
  }

  /** Opens a table's object and its rows' array; the caller writes the rows and closes both. */
  private static void header(JsonGenerator g, String id, String title, String... columns)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("title", title);
    g.writeArrayFieldStart("columns");
    for (String c : columns) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rows");
  }

  private static void sections(JsonGenerator g, List<SectionStat> rows) throws IOException {
    header(g, "sections", "Top sections", "section", "hits", "share", "5xx");
    for (SectionStat s : rows) {
      g.writeStartArray();
      g.writeString(s.section());
      g.writeNumber(s.hits());
      g.writeNumber(JsonFields.round(s.share()));
      g.writeNumber(s.serverErrors());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void clients(JsonGenerator g, List<HostStat> rows) throws IOException {
    header(g, "clients", "Top clients by bytes", "client", "bytes", "hits");
    for (HostStat s : rows) {
      g.writeStartArray();
      g.writeString(s.host());
      g.writeNumber(s.bytes());
      g.writeNumber(s.hits());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void counts(
      JsonGenerator g, String id, String title, String column, List<Count> rows)
      throws IOException {
    countRows(g, id, title, column, rows);
    g.writeEndObject();
  }

  /** A table of keys and hits, its object left open for more fields. */
  private static void countRows(
      JsonGenerator g, String id, String title, String column, List<Count> rows)
      throws IOException {
    header(g, id, title, column, "hits");
    for (Count c : rows) {
      g.writeStartArray();
      g.writeString(c.key());
      g.writeNumber(c.count());
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  /**
   * The breakdown tables. Their status codes are not repeated: {@code status_codes} is the same
   * count (every hit's code, exact), kept with the history so it is there without breakdowns.
   */
  private static void breakdowns(JsonGenerator g, BreakdownSnapshot b) throws IOException {
    if (!b.counted()) {
      return;
    }
    breakdown(g, "paths", "Top paths", "path", b.paths());
    breakdown(g, "not_found_paths", "Top 404 paths", "path", b.notFoundPaths());
    breakdown(g, "server_error_paths", "Top 5xx paths", "path", b.serverErrorPaths());
    breakdown(g, "agents", "User agents and robots", "agent", b.agents());
    breakdown(g, "referrers", "Referring sites", "site", b.referrers());
    if (!b.vhostSections().rows().isEmpty()) {
      breakdown(
          g, "vhost_sections", "Sections per virtual host", "vhost and section", b.vhostSections());
    }
  }

  /**
   * A breakdown table; {@code estimated} and {@code max_error} say how far its counts may be off.
   */
  private static void breakdown(
      JsonGenerator g, String id, String title, String column, BreakdownTable t)
      throws IOException {
    countRows(g, id, title, column, t.rows());
    g.writeBooleanField("estimated", t.estimated());
    g.writeNumberField("max_error", t.maxError());
    g.writeEndObject();
  }
}
