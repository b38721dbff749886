package dev.logmon.present.web;

import dev.logmon.aggregate.Aggregator;
import dev.logmon.aggregate.AggregatorConfig;
import dev.logmon.alert.AlertEngine;
import dev.logmon.alert.AlertRule;
import dev.logmon.parse.format.LogFormats;
import dev.logmon.pipeline.Monitor;
import dev.logmon.pipeline.MonitorConfig;
import dev.logmon.present.SourceView;
import dev.logmon.source.Batches;
import dev.logmon.source.SourceStatus;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Monitors fed every kind of line /metrics has a series for, for the tests that check its whole
 * output: virtual hosts, durations, odd methods and statuses, malformed and late lines, sources.
 */
final class MetricsFixture {
  static final long T = 1_700_000_000L;
  static final String FORMAT = "%v %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D";
  private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"};
  private static final int[] STATUSES = {200, 301, 404, 503};

  private MetricsFixture() {}

  /** A replay-mode monitor reading {@link #FORMAT} lines into {@code presenter}. */
  static Monitor monitor(WebPresenter presenter) {
    return new Monitor(
        // A filter that leaves nothing out of these lines, so its series is there at 0.
        new MonitorConfig(
            true,
            10,
            10,
            0,
            true,
            MonitorConfig.DEFAULT_MAX_FUTURE_SECONDS,
            dev.logmon.filter.FilterSet.of(
                List.of(),
                List.of(dev.logmon.filter.FilterParser.parseRule("health: path ~ \"^/health\"")),
                false),
            1,
            true),
        LogFormats.parser(FORMAT, n -> {}),
        new Aggregator(new AggregatorConfig(10, 10, 10, 5)),
        new AlertEngine(AlertRule.ABSOLUTE, 5).withLatencyThreshold(500_000),
        presenter,
        ZoneOffset.UTC,
        note -> {},
        () ->
            List.of(
                SourceView.of(
                    new SourceStatus(
                        "/var/log/a.log",
                        SourceStatus.State.FOLLOWING,
                        120,
                        20_000,
                        1,
                        0,
                        0,
                        0,
                        null)),
                SourceView.of(
                    new SourceStatus(
                        "/var/log/b.log", SourceStatus.State.WAITING, 0, 0, 0, 0, 0, 2, "gone")),
                SourceView.of(
                    new SourceStatus(
                        "syslog:127.0.0.1:5140",
                        SourceStatus.State.FOLLOWING,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        7,
                        SourceStatus.NO_LAG,
                        Map.of("no_priority", 3L))),
                SourceView.of(
                    new SourceStatus(
                        "access-2",
                        SourceStatus.State.FOLLOWING,
                        40,
                        4_000,
                        0,
                        0,
                        0,
                        0,
                        null,
                        0,
                        12,
                        Map.of())),
                SourceView.of(
                    new SourceStatus(
                        "access-1",
                        SourceStatus.State.REVOKED,
                        10,
                        1_000,
                        0,
                        0,
                        0,
                        0,
                        null,
                        0,
                        -1,
                        Map.of()))));
  }

  /** One line in {@link #FORMAT}. */
  static String line(
      long second, String vhost, String method, String path, int status, long micros) {
    return vhost
        + " "
        + LogLines.line(second, "10.0.0.1", "-", path, status, "test").replace("GET ", method + " ")
        + " "
        + micros;
  }

  /** Some of everything: returns the number of lines fed. */
  static int feedVaried(Monitor m) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add(
          line(
              T + i / 10,
              i % 3 == 0 ? "api.example.com" : "www.example.com",
              METHODS[i % METHODS.length],
              "/s" + (i % 4) + "/x",
              STATUSES[i % STATUSES.length],
              1_000L * (i * 37 % 1500)));
    }
    lines.add(line(T + 6, "www.example.com", "BREW", "/pot", 418, 5));
    lines.add(line(T + 6, "www.example.com", "GET", "/back\\slash/x", 200, 5));
    lines.add("not a log line");
    lines.add(line(T - 600, "www.example.com", "GET", "/old", 200, 5)); // late
    lines.add(line(4_070_908_800L, "www.example.com", "GET", "/far", 200, 5)); // 2099: future
    lines.add(line(T + 6, "www.example.com", "GET", "/s1/x", 200, 5));
    m.accept(Batches.of("a.log", 1, lines));
    m.finish();
    return lines.size();
  }

  /**
   * Enough label sets to fill every cap: {@code vhosts} vhosts times 25 sections times 6 methods
   * times 4 statuses, each once. Returns the number of lines fed.
   */
  static int feedToTheCaps(Monitor m, int vhosts) {
    int n = 0;
    for (int v = 0; v < vhosts; v++) {
      List<String> lines = new ArrayList<>();
      for (int s = 0; s < 25; s++) {
        for (String method : METHODS) {
          for (int status : STATUSES) {
            lines.add(line(T, "v" + v + ".example.com", method, "/s" + s, status, 1_000L * s));
          }
        }
      }
      m.accept(Batches.of("a.log", n + 1, lines));
      n += lines.size();
    }
    m.finish();
    return n;
  }
}
