package dev.logmon.pipeline;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.aggregate.LifetimeTotals;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertEvent;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowParser;
import dev.logmon.parse.TextRows;
import dev.logmon.present.MonitorView;
import dev.logmon.present.Presenter;
import dev.logmon.present.SourceView;
import dev.logmon.source.Batches;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A monitor over lines {@code "SECOND SECTION STATUS"} (an empty line, or anything else, is
 * malformed), with what it presents captured: alert events as (raised?, end of second), reports,
 * notes, the summary. Time is driven by hand; nothing here reads a clock.
 */
final class MonitorHarness {
  /** An alert event as the tests compare them: raised or recovered, and when. */
  record Event(boolean raised, long second) {}

  final List<Event> events = new ArrayList<>();
  final List<MonitorView> reports = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<SourceView> sources = new ArrayList<>();
  MonitorView summary;
  Runnable onReport = () -> {};
  final Monitor monitor;

  MonitorHarness(boolean replay, int window, int interval, double threshold, AlertRule rule) {
    this(replay, window, interval, threshold, rule, MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS);
  }

  MonitorHarness(
      boolean replay,
      int window,
      int interval,
      double threshold,
      AlertRule rule,
      long maxFutureSeconds) {
    Presenter p =
        new Presenter() {
          @Override
          public void report(MonitorView view) {
            reports.add(view);
            onReport.run();
          }

          @Override
          public void alert(AlertEvent event, MonitorView view) {
            events.add(new Event(event.raised(), event.time().getEpochSecond()));
          }

          @Override
          public void summary(MonitorView view) {
            summary = view;
          }
        };
    monitor =
        new Monitor(
            config(replay, interval, window, 3, false, maxFutureSeconds),
            PARSER,
            new Aggregator(new AggregatorConfig(window, Math.min(10, window), interval, 5)),
            new AlertEngine(rule, threshold),
            p,
            ZoneOffset.UTC,
            notes::add,
            () -> sources);
  }

  /** {@code count} lines of second {@code second} from {@code source}. */
  void lines(String source, long second, int count) {
    monitor.accept(Batches.of(source, 1, Collections.nCopies(count, second + " /a 200")));
  }

  LifetimeTotals lifetime() {
    return summary.traffic().lifetime();
  }

  static final LineParser TEXT =
      line -> {
        if (line.isEmpty()) {
          return new ParseResult.Malformed(MalformedReason.EMPTY);
        }
        String[] f = line.split(" ");
        if (f.length != 3) {
          return new ParseResult.Malformed(MalformedReason.BAD_TIMESTAMP);
        }
        try {
          return new ParseResult.Parsed(
              new LogRecord(
                  "10.0.0.1",
                  "-",
                  Long.parseLong(f[0]),
                  0,
                  "GET",
                  f[1],
                  f[1],
                  false,
                  Integer.parseInt(f[2]),
                  100,
                  null,
                  null,
                  null,
                  LogRecord.NO_DURATION));
        } catch (NumberFormatException e) {
          return new ParseResult.Malformed(MalformedReason.BAD_TIMESTAMP);
        }
      };

  /** The stand-in format ({@code SECOND SECTION STATUS}) as the pipeline takes it. */
  static final RowParser PARSER = new TextRows(TEXT, true);

  /** A monitor configuration without filters or breakdowns, sections one segment deep. */
  static MonitorConfig config(
      boolean replay, int interval, int window, int showMalformed, boolean live, long maxFuture) {
    return new MonitorConfig(
        replay,
        interval,
        window,
        showMalformed,
        live,
        maxFuture,
        dev.logmon.filter.FilterSet.NONE,
        1,
        false);
  }
}
