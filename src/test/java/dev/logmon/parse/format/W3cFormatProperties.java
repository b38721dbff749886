package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import dev.logmon.parse.Sections;
import dev.logmon.parse.format.Hits.Hit;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips through the W3C extended format: random requests written as IIS writes them, under a
 * {@code #Fields:} header naming a random choice and order of the fields logmon reads and some it
 * skips, parse back to the same fields; a second header mid-file changes the layout.
 *
 * <p>IIS writes {@code -} for an empty field, times in UTC, {@code time-taken} in milliseconds, and
 * a {@code +} for each space in {@code cs(User-Agent)}, {@code cs(Referer)} and {@code cs(Cookie)}.
 * logmon keeps header values as the server wrote them (as it keeps Apache's {@code \"}), so those
 * come back with their {@code +}.
 */
class W3cFormatProperties {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** Fields logmon skips, with a value of each. */
  private static final List<String[]> SKIPPED =
      List.of(
          new String[] {"s-ip", "10.0.0.5"},
          new String[] {"s-port", "443"},
          new String[] {"sc-substatus", "0"},
          new String[] {"sc-win32-status", "64"},
          new String[] {"cs-bytes", "412"},
          new String[] {"s-sitename", "W3SVC1"},
          new String[] {"s-computername", "WEB01"},
          new String[] {"cs-version", "HTTP/1.1"},
          new String[] {"cs(Cookie)", "ASP.NET_SessionId=abc;+theme=dark"},
          new String[] {"x-forwarded-for", "-"});

  @Property(tries = 1000)
  void iisLinesParseBack(
      @ForAll @Size(2) List<@From("iisHits") Hit> hits,
      @ForAll @Size(2) List<@IntRange(min = 0, max = 1023) Integer> present,
      @ForAll boolean fullUri,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<String> file = new ArrayList<>();
    file.add("#Software: Microsoft Internet Information Services 10.0");
    file.add("#Version: 1.0");
    file.add("#Date: 2024-05-01 00:00:00");
    List<LogRecord> expected = new ArrayList<>();
    for (int i = 0; i < hits.size(); i++) {
      Layout layout = layout(present.get(i), fullUri && i == 1, random);
      file.add("#Fields: " + String.join(" ", layout.names));
      file.add(layout.write(hits.get(i)));
      expected.add(layout.expected(hits.get(i)));
    }

    LineParser parser = RowLines.of(Preset.W3C.parser()).forSource("u_ex240501.log");
    List<ParseResult> results = file.stream().map(parser::parse).toList();
    for (int i = 0; i < results.size(); i++) {
      if (file.get(i).startsWith("#")) {
        assertThat(results.get(i))
            .isEqualTo(new ParseResult.Malformed(MalformedReason.HEADER_LINE));
      }
    }
    List<LogRecord> records =
        results.stream()
            .filter(r -> r instanceof ParseResult.Parsed)
            .map(r -> ((ParseResult.Parsed) r).record())
            .toList();
    assertThat(records).as(String.join("\n", file)).isEqualTo(expected);
  }

  /** Before any {@code #Fields:} line, IIS's default fields are assumed. */
  @Property(tries = 300)
  void linesBeforeAnyFieldsHeaderUseTheIisDefault(@ForAll("iisHits") Hit h) {
    Layout layout = new Layout(List.of(W3cFormat.IIS_DEFAULT.split(" ")));
    LineParser parser = RowLines.of(Preset.W3C.parser()).forSource("no-header.log");
    assertThat(parser.parse(layout.write(h) + "\r"))
        .isEqualTo(new ParseResult.Parsed(layout.expected(h)));
  }

  @Provide
  Arbitrary<Hit> iisHits() {
    // IIS splits the target into cs-uri-stem and cs-uri-query: the stem has no '?'. A query of
    // just "-" is written as IIS writes an empty one, so it cannot round-trip and is left out.
    return Hits.hits(false)
        .filter(h -> !h.target().startsWith("http://") && !"-".equals(h.query()));
  }

  /**
   * A {@code #Fields:} list: date, time and sc-status always (a record needs them), each other
   * field logmon reads when its bit in {@code present} is set, some skipped fields, shuffled.
   */
  private static Layout layout(int present, boolean fullUri, Random random) {
    List<String> names = new ArrayList<>(List.of("date", "time", "sc-status"));
    String[] optional = {
      "c-ip", "cs-username", "sc-bytes", "time-taken", "cs(User-Agent)", "cs(Referer)", "cs-host"
    };
    for (int b = 0; b < optional.length; b++) {
      if ((present & (1 << b)) != 0) {
        names.add(optional[b]);
      }
    }
    names.add("cs-method");
    if (fullUri) {
      names.add("cs-uri");
    } else {
      names.add("cs-uri-stem");
      if ((present & (1 << 7)) != 0) {
        names.add("cs-uri-query");
      }
    }
    for (String[] skipped : SKIPPED) {
      if (random.nextInt(3) == 0) {
        names.add(skipped[0]);
      }
    }
    Collections.shuffle(names, random);
    return new Layout(names);
  }

  /** The fields of one {@code #Fields:} header: how a hit is written and what it reads back as. */
  private record Layout(List<String> names) {

    String write(Hit h) {
      OffsetDateTime utc = h.start().withOffsetSameInstant(ZoneOffset.UTC);
      List<String> values = new ArrayList<>();
      for (String n : names) {
        values.add(
            switch (n) {
              case "date" -> utc.format(DATE);
              case "time" -> utc.format(CLOCK);
              case "c-ip" -> h.host();
              case "cs-username" -> dash(h.user());
              case "cs-method" -> h.method();
              case "cs-uri-stem" -> h.path();
              case "cs-uri-query" ->
                  dash(h.query() == null || h.query().isEmpty() ? null : h.query());
              case "cs-uri" -> h.target();
              case "sc-status" -> Integer.toString(h.status());
              case "sc-bytes" -> h.bytes() == 0 ? "-" : Long.toString(h.bytes());
              case "time-taken" -> Long.toString(h.nanos() / 1_000_000);
              case "cs(User-Agent)", "cs(Referer)" -> dash(plus(header(n, h)));
              case "cs-host" -> h.vhost();
              default -> SKIPPED.stream().filter(s -> s[0].equals(n)).findFirst().orElseThrow()[1];
            });
      }
      return String.join(" ", values);
    }

    LogRecord expected(Hit h) {
      String target;
      if (names.contains("cs-uri")) {
        target = h.target();
      } else if (names.contains("cs-uri-query") && h.query() != null && !h.query().isEmpty()) {
        target = h.path() + "?" + h.query();
      } else {
        target = h.path();
      }
      return new LogRecord(
          names.contains("c-ip") ? h.host() : "-",
          names.contains("cs-username") ? dash(h.user()) : "-",
          h.start().toEpochSecond(),
          0,
          names.contains("cs-method") ? h.method() : "",
          target,
          Sections.of(target),
          false,
          h.status(),
          names.contains("sc-bytes") ? h.bytes() : 0,
          names.contains("cs(Referer)") ? dash(plus(h.referer())) : null,
          names.contains("cs(User-Agent)") ? dash(plus(h.agent())) : null,
          names.contains("cs-host") ? h.vhost() : null,
          names.contains("time-taken") ? h.nanos() / 1_000_000 * 1000 : LogRecord.NO_DURATION);
    }

    private static String header(String name, Hit h) {
      return name.equals("cs(Referer)") ? h.referer() : h.agent();
    }
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  /** IIS writes each space of a header value as {@code +}. */
  private static String plus(String s) {
    return s == null ? null : s.replace(' ', '+');
  }
}
