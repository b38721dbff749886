package dev.logmon.parse.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test helper: random requests, as the fields a server knows before it writes its log line, and the
 * text forms servers write them in.
 */
final class Hits {
  private Hits() {}

  /**
   * One request.
   *
   * @param user the authenticated user, or null for none
   * @param start when the request started, to the nanosecond, in the server's local offset
   * @param nanos how long it took
   * @param referer the Referer header, or null if the request had none
   * @param agent the User-Agent header, or null if the request had none
   */
  record Hit(
      String host,
      String user,
      OffsetDateTime start,
      String method,
      String target,
      int status,
      long bytes,
      long nanos,
      String vhost,
      String referer,
      String agent) {

    /** The path part of the target ({@code /a/b} of {@code /a/b?x=1}). */
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** The query without its {@code ?}, or null when the target has none. */
    String query() {
      int q = target.indexOf('?');
      return q < 0 ? null : target.substring(q + 1);
    }
  }

  /**
   * Requests whose text fields hold no spaces where a space-separated format cannot carry them.
   *
   * @param anyText whether targets, users and headers may hold what only a quoted or JSON field
   *     can: quotes, backslashes, spaces in headers, control characters
   */
  static Arbitrary<Hit> hits(boolean anyText) {
    Arbitrary<Object[]> first =
        Combinators.combine(
                hosts(),
                users(anyText),
                times(),
                methods(),
                targets(anyText),
                Arbitraries.integers().between(100, 599),
                Arbitraries.longs().between(0, 1_000_000_000_000L),
                nanos())
            .as((h, u, t, m, tg, s, b, n) -> new Object[] {h, u, t, m, tg, s, b, n});
    return Combinators.combine(first, vhosts(), headers(anyText), headers(anyText))
        .as(
            (f, v, r, a) ->
                new Hit(
                    (String) f[0],
                    (String) f[1],
                    (OffsetDateTime) f[2],
                    (String) f[3],
                    (String) f[4],
                    (int) f[5],
                    (long) f[6],
                    (long) f[7],
                    v,
                    r,
                    a));
  }

  static Arbitrary<String> hosts() {
    Arbitrary<String> v4 =
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    Arbitrary<String> v6 =
        Arbitraries.integers()
            .between(0, 0xffff)
            .list()
            .ofSize(8)
            .map(
                l -> {
                  StringBuilder s = new StringBuilder();
                  for (int i = 0; i < 8; i++) {
                    s.append(i == 0 ? "" : ":").append(Integer.toHexString(l.get(i)));
                  }
                  return s.toString();
                });
    return Arbitraries.oneOf(
        v4,
        v6,
        Arbitraries.of(
            "::1",
            "2001:db8::42",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "::ffff:192.0.2.128",
            "fe80::1%eth0"),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("-.0123456789")
            .ofMinLength(1)
            .ofMaxLength(30)
            .filter(s -> !s.equals("-")));
  }

  /** A user name, or null for none. */
  static Arbitrary<String> users(boolean anyText) {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("._@0123456789")
            .withChars(anyText ? "\\\" é" : "")
            .ofMinLength(1)
            .ofMaxLength(16)
            .filter(s -> !s.equals("-") && !s.isBlank());
    return Arbitraries.oneOf(
        Arbitraries.just((String) null), names, Arbitraries.of("CONTOSO\\alice", "jörg", "frank"));
  }

  /** Instants 2000..2100 with nanoseconds, at a quarter-hour offset from -12:00 to +14:00. */
  static Arbitrary<OffsetDateTime> times() {
    return Combinators.combine(
            Arbitraries.longs().between(946_684_800L, 4_102_444_799L),
            Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999)),
            Arbitraries.integers().between(-48, 56))
        .as(
            (s, n, q) ->
                OffsetDateTime.ofInstant(
                    Instant.ofEpochSecond(s, n), ZoneOffset.ofTotalSeconds(q * 900)));
  }

  static Arbitrary<String> methods() {
    return Arbitraries.of(
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND", "M-SEARCH");
  }

  /**
   * Request targets: paths of RFC 3986 pchars (sub-delims, {@code : @ ~}, percent escapes, raw
   * UTF-8), an optional query, an absolute URI now and then. With {@code anyText}, also what
   * clients send that is not legal but servers log: quotes, backslashes, braces.
   */
  static Arbitrary<String> targets(boolean anyText) {
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("0123456789-._~!$&'()*+,;=:@%")
            .withChars("éü日本")
            .withChars(anyText ? "\"\\{}|^<>`" : "")
            .ofMinLength(0)
            .ofMaxLength(10);
    Arbitrary<String> query =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("=&%+/?:@-._~!$'()*,;0123456789")
                .withChars(anyText ? "\"\\" : "")
                .ofMaxLength(20)
                .map(q -> "?" + q));
    Arbitrary<String> path =
        Combinators.combine(segment.list().ofMinSize(1).ofMaxSize(4), query)
            .as((segs, q) -> "/" + String.join("/", segs) + q);
    return Arbitraries.oneOf(
        path, path, path, path.map(p -> "http://example.com" + p), Arbitraries.just("/"));
  }

  static Arbitrary<String> vhosts() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("-.0123456789")
            .ofMinLength(1)
            .ofMaxLength(25)
            .filter(s -> !s.equals("-")),
        Arbitraries.of("shop.example.com:8443", "xn--bcher-kva.example", "[2001:db8::1]:443"));
  }

  /** A header value, or null when the request had none. */
  static Arbitrary<String> headers(boolean anyText) {
    return Arbitraries.oneOf(
        Arbitraries.just((String) null),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("()/;.:,-_+=?&0123456789")
            .withChars(anyText ? " \"\\<>&\t\u2028é😀" : "")
            .ofMinLength(1)
            .ofMaxLength(60)
            .filter(s -> !s.equals("-")),
        Arbitraries.of(
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "https://example.com/a?b=c",
            "curl/8.5.0"));
  }

  /** Durations in nanoseconds: mostly under a second, sometimes minutes or hours. */
  static Arbitrary<Long> nanos() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 1_000_000_000L),
        Arbitraries.longs().between(0, 10_000_000_000_000L),
        Arbitraries.of(0L, 1L, 999L, 1_000L, 999_999_999L, 1_000_000_000L));
  }

  /** {@code nanos / 10^9} as a plain decimal with no trailing zeros ({@code 0.0012}, {@code 3}). */
  static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
  }

  /** The instant as epoch seconds with {@code digits} decimals (0..9), truncated. */
  static String epochSeconds(OffsetDateTime t, int digits) {
    long scaled = t.toEpochSecond() * pow10(digits) + t.getNano() / pow10(9 - digits);
    return BigDecimal.valueOf(scaled, digits).toPlainString();
  }

  static long pow10(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 10;
    }
    return v;
  }

  static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss xx", Locale.ENGLISH);

  /** Go's {@code time.RFC3339Nano}: trailing zeros of the fraction dropped, Z for UTC. */
  static String rfc3339Nano(OffsetDateTime t) {
    String base = t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    String frac = t.getNano() == 0 ? "" : "." + String.format("%09d", t.getNano());
    while (frac.endsWith("0")) {
      frac = frac.substring(0, frac.length() - 1);
    }
    return base + frac + zone(t, true);
  }

  /** Go's {@code time.RFC3339}: seconds, Z for UTC. */
  static String rfc3339(OffsetDateTime t) {
    return t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + zone(t, true);
  }

  /** {@code Z} for UTC, else {@code +hh:mm} ({@code colon}) or {@code +hhmm}. */
  static String zone(OffsetDateTime t, boolean colon) {
    int o = t.getOffset().getTotalSeconds();
    if (o == 0) {
      return "Z";
    }
    String hm =
        String.format("%02d%s%02d", Math.abs(o) / 3600, colon ? ":" : "", Math.abs(o) / 60 % 60);
    return (o < 0 ? "-" : "+") + hm;
  }
}
