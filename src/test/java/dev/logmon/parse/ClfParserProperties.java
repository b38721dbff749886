package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link ClfParser}: total on any input, and exact on any line Apache could write.
 */
class ClfParserProperties {
  private static final ClfParser PARSER = new ClfParser();
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /** The characters that mean something to the grammar, to reach deep into it more often. */
  private static final String GRAMMAR_CHARS = " \"[]\\-/:.+*?#0123456789GETHPSaxz\r\n\t\u0000";

  @Property(tries = 2000)
  void anyStringYieldsAResult(@ForAll("anyText") String line) {
    assertThat(PARSER.parse(line)).isNotNull();
  }

  @Property(tries = 1000)
  void generatedLinesParseBackToTheirFields(@ForAll("lines") Generated g) {
    assertThat(PARSER.parse(g.line())).isEqualTo(new ParseResult.Parsed(g.expected()));
  }

  @Property(tries = 300)
  void everyPrefixOfAValidLineYieldsAResult(@ForAll("lines") Generated g) {
    for (int i = 0; i <= g.line().length(); i++) {
      assertThat(PARSER.parse(g.line().substring(0, i))).isNotNull();
    }
  }

  @Property(tries = 1000)
  void aValidLineWithOneCharacterChangedYieldsAResult(
      @ForAll("lines") Generated g,
      @ForAll("grammarChar") char c,
      @ForAll @IntRange(min = 0, max = 100_000) int where) {
    int at = where % g.line().length();
    String mutated = g.line().substring(0, at) + c + g.line().substring(at + 1);
    assertThat(PARSER.parse(mutated)).isNotNull();
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(GRAMMAR_CHARS).ofMaxLength(200),
        Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(20),
        Arbitraries.strings().withChars(GRAMMAR_CHARS).ofMinLength(5_000).ofMaxLength(20_000));
  }

  @Provide
  Arbitrary<Character> grammarChar() {
    return Arbitraries.of(GRAMMAR_CHARS.chars().mapToObj(c -> (char) c).toList());
  }

  /** A log line and the record it must parse to. */
  record Generated(String line, LogRecord expected) {}

  @Provide
  Arbitrary<Generated> lines() {
    Arbitrary<String> vhost =
        Arbitraries.oneOf(
            Arbitraries.just((String) null),
            Combinators.combine(dnsName(), Arbitraries.of(80, 443, 8080))
                .as((h, p) -> h + ":" + p));
    Arbitrary<String> user =
        Arbitraries.oneOf(
            Arbitraries.just("-"),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12));
    Arbitrary<LocalDateTime> time =
        Arbitraries.longs()
            .between(
                LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC))
            .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
    Arbitrary<ZoneOffset> offset =
        Arbitraries.integers()
            .between(-18 * 60, 18 * 60)
            .map(m -> ZoneOffset.ofTotalSeconds(m * 60));
    Arbitrary<String> method =
        Arbitraries.oneOf(
            Arbitraries.of("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PRI"),
            Arbitraries.strings()
                .withCharRange('A', 'Z')
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(10));
    Arbitrary<List<String>> segments =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars("._~%-+:@")
            .ofMinLength(1)
            .ofMaxLength(10)
            .list()
            .ofMaxSize(4);
    Arbitrary<String> query =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().withChars("?#/=&a1*[]^.").ofMaxLength(12).map(s -> "?" + s));
    Arbitrary<String> protocol = Arbitraries.of("HTTP/1.0", "HTTP/1.1", "HTTP/2.0");
    Arbitrary<Integer> status = Arbitraries.integers().between(100, 999);
    Arbitrary<Long> size =
        Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().greaterOrEqual(0));
    // Raw header text; null means Common Log Format (no referrer and user agent at all).
    Arbitrary<String> header = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
    Arbitrary<String[]> headers =
        Arbitraries.oneOf(
            Arbitraries.just(new String[2]),
            Combinators.combine(header, header).as((r, a) -> new String[] {r, a}));
    Arbitrary<String> ending = Arbitraries.of("", "\r", " ", "  \r");

    Arbitrary<Request> request =
        Combinators.combine(method, segments, Arbitraries.of(true, false), query, protocol)
            .as(Request::new);
    Arbitrary<Hit> hit =
        Combinators.combine(host(), user, time, offset, request, status, size, headers)
            .as(Hit::new);
    return Combinators.combine(vhost, hit, ending).as(ClfParserProperties::render);
  }

  private record Request(
      String method, List<String> segments, boolean trailingSlash, String query, String protocol) {
    String target() {
      String path =
          "/" + String.join("/", segments) + (trailingSlash && !segments.isEmpty() ? "/" : "");
      return path + query;
    }

    String section() {
      return segments.isEmpty() ? "/" : "/" + segments.get(0);
    }
  }

  private record Hit(
      String host,
      String user,
      LocalDateTime time,
      ZoneOffset offset,
      Request request,
      int status,
      long size,
      @SuppressWarnings("ArrayRecordComponent") String[] headers) {}

  private static Generated render(String vhost, Hit h, String ending) {
    StringBuilder line = new StringBuilder();
    if (vhost != null) {
      line.append(vhost).append(' ');
    }
    LocalDateTime t = h.time();
    int off = h.offset().getTotalSeconds() / 60;
    line.append(h.host())
        .append(" - ")
        .append(h.user())
        .append(
            String.format(
                Locale.ROOT,
                " [%02d/%s/%04d:%02d:%02d:%02d %c%02d%02d]",
                t.getDayOfMonth(),
                MONTHS.substring(t.getMonthValue() * 3 - 3, t.getMonthValue() * 3),
                t.getYear(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                off < 0 ? '-' : '+',
                Math.abs(off) / 60,
                Math.abs(off) % 60));
    Request r = h.request();
    line.append(" \"")
        .append(r.method())
        .append(' ')
        .append(r.target())
        .append(' ')
        .append(r.protocol())
        .append("\" ")
        .append(h.status())
        .append(' ')
        .append(h.size() < 0 ? "-" : Long.toString(h.size()));
    String referrer = escape(h.headers()[0]);
    String agent = escape(h.headers()[1]);
    if (referrer != null) {
      line.append(" \"").append(referrer).append("\" \"").append(agent).append('"');
    }
    line.append(ending);
    LogRecord expected =
        new LogRecord(
            h.host(),
            h.user(),
            t.toEpochSecond(h.offset()),
            h.offset().getTotalSeconds(),
            r.method(),
            r.target(),
            r.section(),
            false,
            h.status(),
            Math.max(0, h.size()),
            referrer,
            agent,
            vhost,
            LogRecord.NO_DURATION);
    return new Generated(line.toString(), expected);
  }

  /**
   * Escapes as Apache does: {@code "} and {@code \} get a backslash; the record keeps this form.
   */
  private static String escape(String raw) {
    return raw == null ? null : raw.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Arbitrary<String> host() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    Arbitrary<String> ipv4 =
        Combinators.combine(octet, octet, octet, octet)
            .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
    Arbitrary<String> group = Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString);
    Arbitrary<String> ipv6Full = group.list().ofSize(8).map(g -> String.join(":", g));
    Arbitrary<String> ipv6Compressed =
        Combinators.combine(group.list().ofMaxSize(3), group.list().ofMaxSize(3))
            .as((l, r) -> String.join(":", l) + "::" + String.join(":", r));
    return Arbitraries.oneOf(ipv4, ipv6Full, ipv6Compressed, dnsName());
  }

  private static Arbitrary<String> dnsName() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('0', '9')
        .withChars('-')
        .ofMinLength(1)
        .ofMaxLength(12)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(labels -> String.join(".", labels));
  }
}
