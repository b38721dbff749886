package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import dev.logmon.parse.Sections;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Round trips through compiled format strings: random values written as Apache or nginx would write
 * them, for every supported directive and variable, parse back to the same fields; and compiled
 * parsers are total.
 */
class FormatStringProperties {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss xx", Locale.ENGLISH);

  @Property(tries = 1500)
  void writtenValuesParseBack(
      @ForAll boolean nginx,
      @ForAll @IntRange(min = 0, max = 3) int timeVariant,
      @ForAll @IntRange(min = 0, max = 1) int requestVariant,
      @ForAll @IntRange(min = 0, max = 3) int durationVariant,
      @ForAll @IntRange(min = 0, max = 2) int vhostVariant,
      @ForAll("hosts") String host,
      @ForAll("tokens") String user,
      @ForAll("times") OffsetDateTime time,
      @ForAll("paths") String path,
      @ForAll @IntRange(min = 100, max = 599) int status,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long bytes,
      @ForAll @LongRange(min = 0, max = 100_000_000_000L) long micros,
      @ForAll("headers") String referrer,
      @ForAll("headers") String agent,
      @ForAll("tokens") String vhost,
      @ForAll @IntRange(min = 1, max = 65535) int port) {
    StringBuilder format = new StringBuilder();
    StringBuilder line = new StringBuilder();
    String expectedVhost = null;
    if (vhostVariant > 0) {
      format.append(nginx ? "$host" : "%v");
      line.append(vhost);
      expectedVhost = vhost;
      if (vhostVariant == 2) {
        format.append(nginx ? ":$server_port" : ":%p");
        line.append(':').append(port);
        expectedVhost = vhost + ":" + port;
      }
      format.append(' ');
      line.append(' ');
    }
    add(
        format,
        line,
        nginx ? "$remote_addr - $remote_user " : "%h %l %u ",
        host + " - " + user + " ");

    long epoch = time.toEpochSecond();
    int offset = time.getOffset().getTotalSeconds();
    int t = nginx ? timeVariant % 3 : timeVariant;
    switch (t) {
      case 0 -> add(format, line, nginx ? "[$time_local]" : "%t", "[" + time.format(CLF) + "]");
      case 1 ->
          add(
              format,
              line,
              nginx ? "$time_iso8601" : "%{%Y-%m-%dT%H:%M:%S%z}t",
              nginx
                  ? time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                  : time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx")));
      case 2 -> {
        add(format, line, nginx ? "$msec" : "%{msec}t", nginx ? epoch + ".123" : epoch + "456");
        offset = 0;
      }
      default -> {
        add(format, line, "%{usec}t", epoch + "123456");
        offset = 0;
      }
    }

    String target = path;
    if (requestVariant == 0) {
      add(format, line, nginx ? " \"$request\"" : " \"%r\"", " \"GET " + target + " HTTP/1.1\"");
    } else {
      int q = path.indexOf('?');
      String fmt = nginx ? " \"$request_method $request_uri $server_protocol\"" : " \"%m %U%q %H\"";
      add(format, line, fmt, " \"POST " + target + " HTTP/2.0\"");
      assertThat(q < 0 || path.startsWith("/")).isTrue();
    }
    add(
        format,
        line,
        nginx ? " $status $body_bytes_sent" : " %>s %b",
        " " + status + " " + (bytes == 0 && !nginx ? "-" : Long.toString(bytes)));

    long expectedMicros = LogRecord.NO_DURATION;
    if (durationVariant == 1 || (durationVariant > 1 && nginx)) {
      add(
          format,
          line,
          nginx ? " $request_time" : " %D",
          nginx
              ? String.format(Locale.ROOT, " %d.%03d", micros / 1_000_000, micros / 1000 % 1000)
              : " " + micros);
      expectedMicros = nginx ? micros / 1000 * 1000 : micros;
    } else if (durationVariant == 2) {
      add(format, line, " %T", " " + micros / 1_000_000);
      expectedMicros = micros / 1_000_000 * 1_000_000;
    } else if (durationVariant == 3) {
      add(format, line, " %{ms}T", " " + micros / 1000);
      expectedMicros = micros / 1000 * 1000;
    }
    add(
        format,
        line,
        nginx ? " \"$http_referer\" \"$http_user_agent\"" : " \"%{Referer}i\" \"%{User-Agent}i\"",
        " \"" + referrer + "\" \"" + agent + "\"");

    String spec = format.toString();
    // The format's text parser (the oracle) reads every field back; the pipeline's parser reads
    // the same counted fields.
    LineParser parser = nginx ? TextFormat.nginx(spec) : TextFormat.apache(spec);
    ParseResult r = parser.parse(line.toString());
    ParseResult rows = RowLines.of(LogFormats.parser(spec, s -> {})).parse(line.toString());
    assertThat(rows).as(format + "\n" + line).isInstanceOf(ParseResult.Parsed.class);
    assertThat(RowLines.counted(((ParseResult.Parsed) rows).record()))
        .isEqualTo(RowLines.counted(((ParseResult.Parsed) r).record()));
    assertThat(r).as(format + "\n" + line).isInstanceOf(ParseResult.Parsed.class);
    LogRecord rec = ((ParseResult.Parsed) r).record();
    assertThat(rec.host()).isEqualTo(host);
    assertThat(rec.user()).isEqualTo(user);
    assertThat(rec.epochSecond()).isEqualTo(epoch);
    assertThat(rec.offsetSeconds()).isEqualTo(offset);
    assertThat(rec.method()).isEqualTo(requestVariant == 0 ? "GET" : "POST");
    assertThat(rec.target()).isEqualTo(target);
    assertThat(rec.section()).isEqualTo(Sections.of(target));
    assertThat(rec.status()).isEqualTo(status);
    assertThat(rec.bytes()).isEqualTo(bytes);
    assertThat(rec.durationMicros()).isEqualTo(expectedMicros);
    assertThat(rec.referrer()).isEqualTo(referrer);
    assertThat(rec.userAgent()).isEqualTo(agent);
    assertThat(rec.vhost()).isEqualTo(expectedVhost);
  }

  @Property(tries = 1000)
  void compiledParsersAreTotal(@ForAll("noise") String line) {
    for (Preset p : Preset.values()) {
      assertThat(RowLines.of(p.parser()).parse(line)).isNotNull();
    }
    assertThat(
            RowLines.of(LogFormats.parser("%v:%p %h [%{%d/%b/%Y %T}t] \"%r\" %>s %b %D", s -> {}))
                .parse(line))
        .isNotNull();
    assertThat(RowLines.of(LogFormats.parser("json", s -> {})).parse(line)).isNotNull();
  }

  private static void add(StringBuilder format, StringBuilder line, String f, String l) {
    format.append(f);
    line.append(l);
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars(" \"[]{}:,\\-/.+0123456789GETHPabz").ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
        Arbitraries.of("::1", "2001:db8::42", "fe80::1%eth0"),
        tokens());
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars(".-_0123456789")
        .ofMinLength(1)
        .ofMaxLength(20)
        .filter(s -> !s.equals("-"));
  }

  @Provide
  Arbitrary<OffsetDateTime> times() {
    return Arbitraries.longs()
        .between(946_684_800L, 2_100_000_000L)
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(-48, 56)
                    .map(
                        q ->
                            OffsetDateTime.ofInstant(
                                Instant.ofEpochSecond(s), ZoneOffset.ofTotalSeconds(q * 900))));
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> seg =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("%-_.0123456789")
            .ofMinLength(1)
            .ofMaxLength(8);
    return seg.list()
        .ofMinSize(0)
        .ofMaxSize(4)
        .flatMap(
            segs ->
                Arbitraries.of("", "?a=1", "?q=x%20y&b=")
                    .map(q -> "/" + String.join("/", segs) + q));
  }

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.oneOf(
        Arbitraries.just("-"),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars(" ()/;.:\"-_0123456789")
            .ofMaxLength(60)
            .map(s -> s.replace("\"", "\\\"")));
  }
}
