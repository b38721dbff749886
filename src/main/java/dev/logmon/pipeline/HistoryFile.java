package dev.logmon.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logmon.aggregate.BreakdownState;
import dev.logmon.aggregate.Breakdowns;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.DurationCounts;
import dev.logmon.aggregate.HistoryCounts;
import dev.logmon.aggregate.HistoryCounts.Bucket;
import dev.logmon.aggregate.HostStat;
import dev.logmon.aggregate.LifetimeState;
import dev.logmon.aggregate.SectionStat;
import dev.logmon.parse.MalformedReason;
import dev.logmon.present.report.ReportFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --persist} file: a run's {@link LifetimeState} as JSON beside the state file, written
 * atomically just before the read positions it goes with, and read back at start. Its size is
 * bounded by the state's (tables of at most {@value LifetimeState#ROWS} rows, the history's caps);
 * the breakdowns' sketches are at most a few MB of base64 text together ({@link BreakdownState}); a
 * file larger than {@value #MAX_BYTES} bytes, or one that does not parse (or was written by another
 * version), is refused with a note and the counts start at zero.
 */
public final class HistoryFile {
  static final long MAX_BYTES = 256L << 20;
  private static final int VERSION = 2;
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private HistoryFile() {}

  /** Writes {@code s} to {@code file}, replacing it atomically. */
  public static void write(Path file, LifetimeState s) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("totals");
      for (long v :
          new long[] {
            s.hits(), s.bytes(), s.late(), s.future(), s.malformedRequests(), s.countedSeconds()
          }) {
        g.writeNumber(v);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("status_classes");
      for (long v : s.statusClasses()) {
        g.writeNumber(v);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("malformed");
      for (Map.Entry<MalformedReason, Long> e : s.malformed().entrySet()) {
        g.writeNumberField(e.getKey().key(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("sections");
      for (SectionStat x : s.sections()) {
        row(g, x.section(), x.hits(), x.serverErrors());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("clients");
      for (HostStat x : s.clients()) {
        row(g, x.host(), x.bytes(), x.hits());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("methods");
      for (Count x : s.methods()) {
        row(g, x.key(), x.count());
      }
      g.writeEndArray();
      HistoryCounts h = s.history();
      g.writeArrayFieldStart("floors");
      g.writeNumber(h.minuteFloor());
      g.writeNumber(h.hourFloor());
      g.writeNumber(h.dayFloor());
      g.writeEndArray();
      buckets(g, "minutes", h.minutes());
      buckets(g, "hours", h.hours());
      buckets(g, "days", h.days());
      buckets(g, "earlier", h.earlier() == null ? List.of() : List.of(h.earlier()));
      rows(g, "statuses", h.statuses());
      rows(g, "filtered", s.filtered());
      rows(g, "vhosts", s.vhosts());
      BreakdownState b = s.breakdowns();
      g.writeObjectFieldStart("breakdowns");
      g.writeObjectFieldStart("sketches");
      for (Map.Entry<String, String> e : b.sketches().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      rows(g, "statuses", b.statuses());
      rows(g, "agents", b.agents());
      g.writeEndObject();
      g.writeEndObject();
    }
    ReportFile.write(file, out.toString(), false);
  }

  private static void rows(JsonGenerator g, String name, List<Count> rows) throws IOException {
    g.writeArrayFieldStart(name);
    for (Count x : rows) {
      row(g, x.key(), x.count());
    }
    g.writeEndArray();
  }

  private static void row(JsonGenerator g, String key, long... values) throws IOException {
    g.writeStartArray();
    g.writeString(key);
    for (long v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void buckets(JsonGenerator g, String name, List<Bucket> buckets)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (Bucket b : buckets) {
      g.writeStartArray();
      for (long v :
          new long[] {
            b.start(), b.seconds(), b.hits(), b.clientErrors(), b.serverErrors(), b.bytes()
          }) {
        g.writeNumber(v);
      }
      if (b.durations() != null) {
        for (long v : b.durations().counts()) {
          g.writeNumber(v);
        }
      }
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  /**
   * The state saved in {@code file}, or null when there is none yet or it cannot be used (then
   * noted: the run starts its counts at zero).
   */
  public static LifetimeState load(Path file, java.util.function.Consumer<String> notes) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        notes.accept("history file " + file + " is over " + MAX_BYTES + " bytes; not read");
        return null;
      }
      try (InputStream in = Files.newInputStream(file);
          JsonParser p = FACTORY.createParser(in)) {
        return read(Json.value(p));
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException
        | IllegalArgumentException
        | ClassCastException
        | IndexOutOfBoundsException e) {
      notes.accept(
          "cannot read history file " + file + " (" + e.getMessage() + "); counts start at zero");
      return null;
    }
  }

  private static LifetimeState read(Object root) {
    Map<?, ?> m = (Map<?, ?>) root;
    if (!Long.valueOf(VERSION).equals(m.get("version"))) {
      throw new IllegalArgumentException("unknown version " + m.get("version"));
    }
    List<?> t = (List<?>) field(m, "totals");
    Map<MalformedReason, Long> malformed = new EnumMap<>(MalformedReason.class);
    ((Map<?, ?>) field(m, "malformed"))
        .forEach((k, v) -> malformed.put(reason((String) k), (Long) v));
    List<SectionStat> sections = new ArrayList<>();
    for (Object o : (List<?>) field(m, "sections")) {
      List<?> r = (List<?>) o;
      sections.add(new SectionStat((String) r.get(0), n(r, 1), 0, n(r, 2)));
    }
    List<HostStat> clients = new ArrayList<>();
    for (Object o : (List<?>) field(m, "clients")) {
      List<?> r = (List<?>) o;
      clients.add(new HostStat((String) r.get(0), n(r, 1), n(r, 2)));
    }
    List<?> floors = (List<?>) field(m, "floors");
    List<Bucket> earlier = buckets(field(m, "earlier"));
    HistoryCounts h =
        new HistoryCounts(
            buckets(field(m, "minutes")),
            buckets(field(m, "hours")),
            buckets(field(m, "days")),
            earlier.isEmpty() ? null : earlier.get(0),
            counts(field(m, "statuses")),
            n(floors, 0),
            n(floors, 1),
            n(floors, 2));
    List<Long> classes = new ArrayList<>();
    for (Object o : (List<?>) field(m, "status_classes")) {
      classes.add((Long) o);
    }
    Map<?, ?> b = (Map<?, ?>) field(m, "breakdowns");
    Map<String, String> sketches = new java.util.HashMap<>();
    ((Map<?, ?>) field(b, "sketches")).forEach((k, v) -> sketches.put((String) k, (String) v));
    BreakdownState breakdowns =
        new BreakdownState(sketches, counts(field(b, "statuses")), counts(field(b, "agents")));
    Breakdowns.check(breakdowns);
    return new LifetimeState(
        n(t, 0),
        n(t, 1),
        n(t, 2),
        n(t, 3),
        n(t, 4),
        n(t, 5),
        classes,
        malformed,
        sections,
        clients,
        counts(field(m, "methods")),
        h,
        counts(field(m, "filtered")),
        counts(field(m, "vhosts")),
        breakdowns);
  }

  private static Object field(Map<?, ?> m, String name) {
    Object v = m.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return v;
  }

  private static MalformedReason reason(String key) {
    for (MalformedReason r : MalformedReason.values()) {
      if (r.key().equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown malformed reason " + key);
  }

  private static long n(List<?> row, int i) {
    return (Long) row.get(i);
  }

  private static List<Count> counts(Object list) {
    List<Count> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      List<?> r = (List<?>) o;
      out.add(new Count((String) r.get(0), n(r, 1)));
    }
    return out;
  }

  private static List<Bucket> buckets(Object list) {
    List<Bucket> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      List<?> r = (List<?>) o;
      DurationCounts d = null;
      if (r.size() > 6) {
        long[] counts = new long[DurationCounts.BUCKETS];
        for (int i = 0; i < counts.length; i++) {
          counts[i] = n(r, 6 + i);
        }
        d = DurationCounts.of(counts);
      }
      out.add(new Bucket(n(r, 0), (int) n(r, 1), n(r, 2), n(r, 3), n(r, 4), n(r, 5), d));
    }
    return out;
  }

  /** A JSON value read into maps, lists, longs and strings (all this file holds). */
  private static final class Json {
    private Json() {}

    static Object value(JsonParser p) throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("empty file");
      }
      return value(p, t, 0);
    }

    private static Object value(JsonParser p, JsonToken t, int depth) throws IOException {
      if (depth > 8) {
        throw new IOException("nested too deeply");
      }
      switch (t) {
        case START_OBJECT -> {
          Map<String, Object> m = new java.util.HashMap<>();
          for (JsonToken x = p.nextToken(); x != JsonToken.END_OBJECT; x = p.nextToken()) {
            if (x != JsonToken.FIELD_NAME) {
              throw new IOException("truncated");
            }
            String k = p.currentName();
            m.put(k, value(p, p.nextToken(), depth + 1));
          }
          return m;
        }
        case START_ARRAY -> {
          List<Object> l = new ArrayList<>();
          for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
            if (x == null) {
              throw new IOException("truncated");
            }
            l.add(value(p, x, depth + 1));
          }
          return l;
        }
        case VALUE_NUMBER_INT -> {
          return p.getLongValue();
        }
        case VALUE_STRING -> {
          return p.getText();
        }
        default -> throw new IOException("unexpected " + t);
      }
    }
  }
}
