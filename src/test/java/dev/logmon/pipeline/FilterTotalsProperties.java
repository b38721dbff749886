package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.Count;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.filter.FilterParser;
import dev.logmon.filter.FilterSet;
import dev.logmon.filter.Filters;
import dev.logmon.filter.RecordFields;
import dev.logmon.filter.Rule;
import dev.logmon.parse.ClfParser;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowParser;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.source.Batches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * With any filters, every line read is exactly one of hit, malformed or filtered ({@code hits_total
 * + malformed_total + filtered_total == lines read}), on every input path (follow mode's batches
 * and a replay in small chunks), and each rule's count is what a simple oracle gives: the text
 * parser ({@code ClfParser}) and the same rules over the record, line by line.
 */
class FilterTotalsProperties {
  private static final long T = 1_700_000_000L;
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> RULES =
      List.of(
          "path ~ \"^/health\"",
          "status in [301, 302]",
          "ip in 10.0.0.0/8",
          "agent ~ \"(?i)bot\"",
          "referrer != \"-\" and method == POST",
          "section == /api and bytes > 100",
          "vhost == shop.example.com",
          "path ~ \"\\.(css|js)$\" or status == 5xx");

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> hit =
        Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.of("10.1.2.3", "192.0.2.7", "2001:db8::1", "-"),
                Arbitraries.of("GET", "POST", "HEAD"),
                Arbitraries.of(
                    "/health", "/api/v1/x?q=1", "/static/a.css", "/caf\u00e9", "/", "/health/z"),
                Arbitraries.of(200, 301, 302, 404, 503),
                Arbitraries.of(0, 50, 5000),
                Arbitraries.of(
                    "\"-\" \"Mozilla/5.0\"", "\"https://a.example/x\" \"Googlebot/2.1\"", ""),
                Arbitraries.of("", "shop.example.com ", "other.example "))
            .as(
                (s, ip, m, path, status, bytes, headers, vhost) ->
                    vhost
                        + ip
                        + " - - ["
                        + CLF.format(Instant.ofEpochSecond(T + s))
                        + "] \""
                        + m
                        + " "
                        + path
                        + " HTTP/1.1\" "
                        + status
                        + " "
                        + bytes
                        + (headers.isEmpty() ? "" : " " + headers));
    Arbitrary<String> bad =
        Arbitraries.of("not a log line", "", "10.0.0.1 - - [x] \"GET /\" 200 1");
    Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(9, hit), Tuple.of(1, bad));
    return line.list().ofMinSize(1).ofMaxSize(300);
  }

  @Provide
  Arbitrary<List<String>> rules() {
    return Arbitraries.of(RULES).list().uniqueElements().ofMaxSize(3);
  }

  @Property(tries = 60)
  void everyLineIsAHitMalformedOrFiltered(
      @ForAll("lines") List<String> lines,
      @ForAll("rules") List<String> excludes,
      @ForAll boolean include,
      @ForAll boolean crawlers)
      throws IOException {
    List<Rule> in = include ? List.of(FilterParser.parseRule("method in [GET, POST]")) : List.of();
    List<Rule> out = excludes.stream().map(FilterParser::parseRule).toList();
    FilterSet filters = FilterSet.of(in, out, crawlers);

    long[] expected = oracle(lines, filters);
    long expectedHits = expected[expected.length - 2];
    long expectedMalformed = expected[expected.length - 1];

    // What the counted lines add up to, counted without filters: the same tables.
    LifetimeTotals unfiltered = replay(counted(lines, filters), FilterSet.NONE);
    for (LifetimeTotals l : List.of(follow(lines, filters), replay(lines, filters))) {
      assertThat(l.statusClasses()).isEqualTo(unfiltered.statusClasses());
      assertThat(l.methods()).isEqualTo(unfiltered.methods());
      assertThat(l.bytes()).isEqualTo(unfiltered.bytes());
      assertThat(l.requests().series())
          .containsExactlyInAnyOrderElementsOf(unfiltered.requests().series());
      assertThat(l.hits() + l.malformedTotal() + l.filteredTotal()).isEqualTo(lines.size());
      assertThat(l.hits()).isEqualTo(expectedHits);
      assertThat(l.malformedTotal()).isEqualTo(expectedMalformed);
      assertThat(l.filtered()).extracting(Count::key).isEqualTo(filters.labels());
      for (int r = 0; r < filters.labels().size(); r++) {
        assertThat(l.filtered().get(r).count()).as(filters.labels().get(r)).isEqualTo(expected[r]);
      }
    }
  }

  /** The lines that count (hits no rule leaves out), by the oracle. */
  private static List<String> counted(List<String> lines, FilterSet filters) {
    Filters f = filters.newFilters();
    RecordFields fields = new RecordFields();
    ClfParser parser = new ClfParser();
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (parser.parse(line) instanceof ParseResult.Parsed p
          && f.ruleOf(fields.at(p.record())) == Filters.COUNTED) {
        out.add(line);
      }
    }
    return out;
  }

  /** Per rule the lines it leaves out, then hits, then malformed lines, read line by line. */
  private static long[] oracle(List<String> lines, FilterSet filters) {
    int n = filters.labels().size();
    long[] counts = new long[n + 2];
    Filters f = filters.newFilters();
    RecordFields fields = new RecordFields();
    ClfParser parser = new ClfParser();
    for (String line : lines) {
      if (parser.parse(line) instanceof ParseResult.Parsed p) {
        int rule = f.ruleOf(fields.at(p.record()));
        counts[rule == Filters.COUNTED ? n : rule]++;
      } else {
        counts[n + 1]++;
      }
    }
    return counts;
  }

  private static LifetimeTotals follow(List<String> lines, FilterSet filters) {
    Monitor m = monitor(false, filters);
    m.startAt(T);
    for (int from = 0; from < lines.size(); from += 7) {
      m.accept(
          Batches.of("a.log", from + 1, lines.subList(from, Math.min(lines.size(), from + 7))));
    }
    m.tick(T + 40);
    m.finish();
    return m.latest().traffic().lifetime();
  }

  private static LifetimeTotals replay(List<String> lines, FilterSet filters) throws IOException {
    Path dir = Files.createTempDirectory("filter-totals");
    try {
      Path log = dir.resolve("access.log");
      Files.write(log, lines, StandardCharsets.UTF_8);
      Monitor m = monitor(true, filters);
      new ReplayRun(List.of(log), 4096, 2, 512).run(m);
      return m.latest().traffic().lifetime();
    } finally {
      Files.deleteIfExists(dir.resolve("access.log"));
      Files.delete(dir);
    }
  }

  private static Monitor monitor(boolean replay, FilterSet filters) {
    List<MonitorView> ignored = new ArrayList<>();
    return new Monitor(
        new MonitorConfig(replay, 10, 10, 0, false, 300, filters, 1, true),
        RowParser.clf(),
        new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 1_000),
        new Presenter() {
          @Override
          public void report(MonitorView view) {
            ignored.clear();
          }

          @Override
          public void alert(AlertEvent event, MonitorView view) {}

          @Override
          public void summary(MonitorView view) {}
        },
        ZoneOffset.UTC,
        note -> {},
        List::of);
  }
}
