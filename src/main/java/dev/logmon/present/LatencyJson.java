package dev.logmon.present;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.LatencySnapshot;
import dev.logmon.aggregate.LatencySnapshot.SectionLatency;
import dev.logmon.aggregate.LatencySnapshot.Stats;
import java.io.IOException;
import java.util.List;

/**
 * The JSON fields for request latency (milliseconds) and virtual hosts, written when present: one
 * writer for the {@code --output json} reports and the web API.
 */
public final class LatencyJson {
  private LatencyJson() {}

  /** Writes {@code latency} and {@code vhosts} objects, each only when the log has them. */
  public static void write(JsonGenerator g, LatencySnapshot l) throws IOException {
    if (l.hasLatency()) {
      g.writeObjectFieldStart("latency");
      g.writeBooleanField("estimate", true);
      stats(g, "frame", l.frame());
      stats(g, "window", l.window());
      g.writeEndObject();
    }
    if (!l.windowVhosts().isEmpty()) {
      g.writeObjectFieldStart("vhosts");
      counts(g, "frame", l.frameVhosts());
      counts(g, "window", l.windowVhosts());
      g.writeEndObject();
    }
  }

  private static void stats(JsonGenerator g, String name, Stats s) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("seconds", s.seconds());
    g.writeNumberField("count", s.count());
    if (s.count() > 0) {
      quantiles(g, s.p50(), s.p95(), s.p99());
      sections(g, "sections", s.sections());
      sections(g, "slowest", s.slowest());
    }
    g.writeEndObject();
  }

  private static void sections(JsonGenerator g, String name, List<SectionLatency> list)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (SectionLatency x : list) {
      g.writeStartObject();
      g.writeStringField("section", x.section());
      g.writeNumberField("count", x.count());
      quantiles(g, x.p50(), x.p95(), x.p99());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void quantiles(JsonGenerator g, long p50, long p95, long p99) throws IOException {
    g.writeNumberField("p50_ms", p50 / 1000.0);
    g.writeNumberField("p95_ms", p95 / 1000.0);
    g.writeNumberField("p99_ms", p99 / 1000.0);
  }

  private static void counts(JsonGenerator g, String name, List<Count> list) throws IOException {
    g.writeArrayFieldStart(name);
    for (Count c : list) {
      g.writeStartObject();
      g.writeStringField("vhost", c.key());
      g.writeNumberField("hits", c.count());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
