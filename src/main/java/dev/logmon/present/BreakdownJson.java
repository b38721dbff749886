package dev.logmon.present;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logmon.aggregate.BreakdownSnapshot;
import dev.logmon.aggregate.BreakdownTable;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.LifetimeTotals;
import java.io.IOException;

/**
 * The JSON of the breakdowns and of the filtered lines, shared by the JSON lines and the web API:
 * {@code "breakdowns": {"paths": {"estimated": false, "max_error": 0, "rows": [{"key": "/a",
 * "hits": 3}]}, ...}} and {@code "filtered_total": n, "filtered": {"rule": n}}.
 */
public final class BreakdownJson {
  private BreakdownJson() {}

  /** {@code "filtered_total"} and {@code "filtered"} by rule label, in the order of the rules. */
  public static void filtered(JsonGenerator g, LifetimeTotals l) throws IOException {
    g.writeNumberField("filtered_total", l.filteredTotal());
    JsonFields.counts(g, "filtered", l.filtered());
  }

  /** {@code "breakdowns": {...}}, nothing when they are not counted. */
  public static void write(JsonGenerator g, BreakdownSnapshot b) throws IOException {
    if (!b.counted()) {
      return;
    }
    g.writeObjectFieldStart("breakdowns");
    table(g, "paths", b.paths());
    table(g, "not_found_paths", b.notFoundPaths());
    table(g, "server_error_paths", b.serverErrorPaths());
    table(g, "statuses", b.statuses());
    table(g, "agents", b.agents());
    table(g, "referrers", b.referrers());
    table(g, "vhost_sections", b.vhostSections());
    g.writeEndObject();
  }

  private static void table(JsonGenerator g, String name, BreakdownTable t) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeBooleanField("estimated", t.estimated());
    g.writeNumberField("max_error", t.maxError());
    g.writeArrayFieldStart("rows");
    for (Count c : t.rows()) {
      g.writeStartObject();
      g.writeStringField("key", c.key());
      g.writeNumberField("hits", c.count());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
