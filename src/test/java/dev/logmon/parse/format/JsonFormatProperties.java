package dev.logmon.parse.format;

import static dev.logmon.parse.format.JsonText.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import dev.logmon.parse.Sections;
import dev.logmon.parse.format.Hits.Hit;
import dev.logmon.parse.format.JsonText.Raw;
import dev.logmon.parse.format.JsonText.Style;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips through the JSON formats: random requests are written as Caddy, Traefik, nginx {@code
 * escape=json} or a {@code json:} mapping's logger would write them (their JSON shape, number
 * forms, time forms and string escapes), then parsed back to the same fields.
 *
 * <p>Every key of a {@code json:} mapping, every alternative path of the presets, every duration
 * unit and every time form {@link JsonFormat} reads is written by at least one property.
 */
class JsonFormatProperties {

  /** Caddy's {@code http.log.access}: nested request object, header arrays, its time formats. */
  @Property(tries = 800)
  void caddyLinesParseBack(
      @ForAll("anyHits") Hit h,
      @ForAll @IntRange(min = 0, max = 6) int timeFormat,
      @ForAll @IntRange(min = 0, max = 9) int digits,
      @ForAll boolean behindProxy,
      @ForAll boolean shuffle,
      @ForAll long seed) {
    // Caddy's encoder time_format options: unix_seconds_float (the default), unix_milli_float,
    // unix_nano, iso8601, rfc3339, rfc3339_nano, common_log.
    OffsetDateTime t = h.start();
    Object ts =
        switch (timeFormat) {
          case 0 -> new Raw(Hits.epochSeconds(t, digits));
          case 1 -> new Raw(millis(t, Math.min(digits, 6)));
          case 2 -> new Raw(Long.toString(t.toEpochSecond() * 1_000_000_000L + t.getNano()));
          case 3 ->
              t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS"))
                  + Hits.zone(t, false);
          case 4 -> Hits.rfc3339(t);
          case 5 -> Hits.rfc3339Nano(t);
          default -> t.format(Hits.CLF);
        };
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Accept", List.of("*/*"));
    headers.put("Authorization", List.of());
    if (h.agent() != null) {
      headers.put("User-Agent", List.of(h.agent()));
    }
    if (h.referer() != null) {
      headers.put("Referer", List.of(h.referer(), "https://second.example/"));
    }
    Map<String, Object> request =
        object(
            "remote_ip",
            behindProxy ? "10.0.0.2" : h.host(),
            "remote_port",
            "51234",
            "client_ip",
            h.host(),
            "proto",
            "HTTP/2.0",
            "method",
            h.method(),
            "host",
            h.vhost(),
            "uri",
            h.target(),
            "headers",
            headers,
            "tls",
            object("resumed", new Raw("false"), "version", new Raw("772"), "server_name", "x"));
    if (!behindProxy && seed % 2 == 0) {
      request.remove("client_ip"); // Caddy before 2.7 had remote_ip only
    }
    Map<String, Object> line =
        object(
            "level",
            h.status() >= 500 ? "error" : "info",
            "ts",
            ts,
            "logger",
            "http.log.access.log0",
            "msg",
            "handled request",
            "request",
            request,
            "bytes_read",
            new Raw("0"),
            "user_id",
            h.user() == null ? "" : h.user(),
            "duration",
            new Raw(Hits.seconds(h.nanos())),
            "size",
            new Raw(Long.toString(h.bytes())),
            "status",
            new Raw(Integer.toString(h.status())),
            "resp_headers",
            object("Server", List.of("Caddy")));
    String text = new JsonText(Style.ZAP, shuffle ? new Random(seed) : null).write(line);

    int offset = timeFormat <= 2 ? 0 : t.getOffset().getTotalSeconds();
    assertParsesTo(
        RowLines.of(Preset.CADDY.parser()),
        text,
        expected(h, t.toEpochSecond(), offset, h.nanos() / 1000, h.referer(), h.agent()));
  }

  /**
   * Traefik's JSON access log: flat keys in Go's sorted order (or any order), numbers for sizes,
   * statuses and the nanosecond Duration, RFC 3339 times; fields dropped by its field filters fall
   * back to the next alternative (StartUTC, StartLocal, time; DownstreamStatus, OriginStatus).
   */
  @Property(tries = 800)
  void traefikLinesParseBack(
      @ForAll("anyHits") Hit h,
      @ForAll @IntRange(min = 0, max = 2) int timeField,
      @ForAll boolean dropDownstreamStatus,
      @ForAll boolean serviceUrlObject,
      @ForAll boolean shuffle,
      @ForAll long seed) {
    OffsetDateTime t = h.start();
    String clientAddr = (h.host().contains(":") ? "[" + h.host() + "]" : h.host()) + ":54321";
    Map<String, Object> line = new TreeMap<>(); // logrus's JSON formatter sorts the keys
    line.put("ClientAddr", clientAddr);
    line.put("ClientHost", h.host());
    line.put("ClientPort", "54321");
    line.put("ClientUsername", h.user() == null ? "-" : h.user());
    line.put("DownstreamContentSize", new Raw(Long.toString(h.bytes())));
    if (!dropDownstreamStatus) {
      line.put("DownstreamStatus", new Raw(Integer.toString(h.status())));
    }
    line.put("Duration", new Raw(Long.toString(h.nanos())));
    line.put("OriginContentSize", new Raw(Long.toString(h.bytes())));
    line.put("OriginDuration", new Raw(Long.toString(h.nanos() / 2)));
    // With DownstreamStatus present, an OriginStatus of 0 (no backend answered) must not win.
    line.put("OriginStatus", new Raw(dropDownstreamStatus ? Integer.toString(h.status()) : "0"));
    line.put("Overhead", new Raw(Long.toString(h.nanos() - h.nanos() / 2)));
    line.put("RequestAddr", h.vhost());
    line.put("RequestContentSize", new Raw("0"));
    line.put("RequestCount", new Raw("42"));
    line.put("RequestHost", h.vhost());
    line.put("RequestMethod", h.method());
    line.put("RequestPath", h.target());
    line.put("RequestPort", "-");
    line.put("RequestProtocol", "HTTP/1.1");
    line.put("RequestScheme", "https");
    line.put("RetryAttempts", new Raw("0"));
    line.put("RouterName", "shop@docker");
    line.put("ServiceAddr", "172.18.0.10:2283");
    line.put(
        "ServiceURL",
        serviceUrlObject
            ? object("Scheme", "http", "User", null, "Host", "172.18.0.10:2283", "Path", "")
            : "http://172.18.0.10:2283");
    // Field filters can drop StartUTC, and StartLocal; "time" is when logrus wrote the line.
    OffsetDateTime local = t;
    if (timeField == 0) {
      line.put("StartUTC", Hits.rfc3339Nano(t.withOffsetSameInstant(ZoneOffset.UTC)));
    }
    if (timeField <= 1) {
      line.put("StartLocal", Hits.rfc3339Nano(local));
    }
    line.put("time", Hits.rfc3339(local));
    line.put("level", "info");
    line.put("msg", "");
    line.put("entryPointName", "websecure");
    if (h.agent() != null) {
      line.put("request_User-Agent", h.agent());
    }
    if (h.referer() != null) {
      line.put("request_Referer", h.referer());
    }
    String text = new JsonText(Style.GO, shuffle ? new Random(seed) : null).write(line);

    int offset = timeField == 0 ? 0 : t.getOffset().getTotalSeconds();
    assertParsesTo(
        RowLines.of(Preset.TRAEFIK.parser()),
        text,
        expected(h, t.toEpochSecond(), offset, h.nanos() / 1000, h.referer(), h.agent()));
  }

  /**
   * nginx {@code log_format ... escape=json} with the variable names as keys ({@code --format
   * json}): every value a quoted string as nginx configs usually write them, or a bare number; a
   * variable nginx did not find written as {@code ""}; several time variables at once, where the
   * first alternative of the defaults wins.
   */
  @Property(tries = 800)
  void nginxEscapeJsonLinesParseBack(
      @ForAll("requestLineHits") Hit h,
      @ForAll boolean requestLine,
      @ForAll boolean bareNumbers,
      @ForAll boolean bothSizes,
      @ForAll("timeKeys") List<String> timeKeys,
      @ForAll boolean serverName,
      @ForAll boolean shuffle,
      @ForAll long seed) {
    OffsetDateTime t = h.start();
    Map<String, Object> line = new LinkedHashMap<>();
    for (String key : timeKeys) {
      line.put(key, nginxTime(key, t, bareNumbers));
    }
    line.put("remote_addr", h.host());
    line.put("remote_user", h.user() == null ? "" : h.user());
    if (requestLine) {
      line.put("request", h.method() + " " + h.target() + " HTTP/1.1");
    } else {
      line.put("request_method", h.method());
      line.put("request_uri", h.target());
    }
    line.put("status", number(Integer.toString(h.status()), bareNumbers));
    line.put("body_bytes_sent", number(Long.toString(h.bytes()), bareNumbers));
    if (bothSizes) {
      line.put("bytes_sent", number(Long.toString(h.bytes() + 250), bareNumbers));
    }
    // $request_time has millisecond resolution.
    long millis = h.nanos() / 1_000_000;
    line.put("request_time", number(BigDecimal.valueOf(millis, 3).toPlainString(), bareNumbers));
    line.put("http_referer", h.referer() == null ? "" : h.referer());
    line.put("http_user_agent", h.agent() == null ? "" : h.agent());
    line.put("host", h.vhost());
    if (serverName) {
      line.put("server_name", "default.example");
    }
    String text = new JsonText(Style.NGINX, shuffle ? new Random(seed) : null).write(line);

    // The defaults try time, time_iso8601, time_local, msec, @timestamp, timestamp in turn.
    String first =
        List.of("time", "time_iso8601", "time_local", "msec", "@timestamp", "timestamp").stream()
            .filter(timeKeys::contains)
            .findFirst()
            .orElseThrow();
    int offset =
        first.equals("msec") || first.equals("timestamp") ? 0 : t.getOffset().getTotalSeconds();
    assertParsesTo(
        RowLines.of(JsonFormat.compile("json")),
        text,
        expected(
            h,
            t.toEpochSecond(),
            offset,
            millis * 1000,
            h.referer() == null ? "" : h.referer(),
            h.agent() == null ? "" : h.agent()));
  }

  /**
   * A {@code json:KEY=PATH,...} mapping with every key, nested paths, array values, alternatives,
   * each duration unit, and each time form: ISO-8601 (T or space, {@code .} or {@code ,} fraction,
   * {@code Z}, {@code +hh:mm}, {@code +hhmm} or no zone), CLF, epoch seconds, milliseconds,
   * microseconds and nanoseconds, as numbers or strings. Strings are escaped as an ASCII-only
   * encoder does ({@code \\uXXXX} surrogate pairs, {@code \/}).
   */
  @Property(tries = 1000)
  void mappedLinesParseBack(
      @ForAll("anyHits") Hit h,
      @ForAll @IntRange(min = 0, max = 3) int unit,
      @ForAll @IntRange(min = 0, max = 11) int timeForm,
      @ForAll boolean nested,
      @ForAll boolean quotedNumbers,
      @ForAll boolean arrays,
      @ForAll boolean dashSize,
      @ForAll boolean decoyFirst,
      @ForAll @IntRange(min = 0, max = 3) int style,
      @ForAll @IntRange(min = 0, max = 12) int noDuration,
      @ForAll long seed) {
    OffsetDateTime t = h.start();
    String[] units = {"s", "ms", "us", "ns"};
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("time", nested ? "event.created" : "@timestamp");
    paths.put("host", nested ? "source.ip" : "client");
    paths.put("user", nested ? "user.name" : "user");
    paths.put("method", nested ? "http.request.method" : "verb");
    paths.put("uri", nested ? "url.original" : "path");
    paths.put("status", nested ? "http.response.status_code" : "code");
    paths.put("bytes", nested ? "http.response.body.bytes" : "size");
    paths.put("referer", nested ? "http.request.referrer" : "referer");
    paths.put("agent", nested ? "user_agent.original" : "ua");
    paths.put("vhost", nested ? "url.domain" : "vhost");
    paths.put("duration_" + units[unit], nested ? "event.duration" : "elapsed");

    Map<String, Object> root = new LinkedHashMap<>();
    JsonText.put(root, "message", "request served");
    Object time = mappedTime(t, timeForm);
    long durationMicros = h.nanos() / 1000;
    // A line may carry no duration: the key missing or null, "-", or "" as nginx escape=json
    // writes a variable it did not find ($upstream_response_time without an upstream).
    Object duration =
        switch (noDuration < 4 ? 4 + noDuration : unit) {
          case 0 -> Hits.seconds(h.nanos());
          case 1 -> BigDecimal.valueOf(h.nanos(), 6).stripTrailingZeros().toPlainString();
          case 2 -> BigDecimal.valueOf(h.nanos(), 3).stripTrailingZeros().toPlainString();
          case 3 -> Long.toString(h.nanos());
          case 4 -> null;
          case 5 -> new Raw("null");
          case 6 -> "-";
          default -> "";
        };
    if (noDuration < 4) {
      durationMicros = LogRecord.NO_DURATION;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("time", time);
    values.put("host", h.host());
    values.put("user", h.user());
    values.put("method", h.method());
    values.put("uri", h.target());
    values.put("status", number(Integer.toString(h.status()), !quotedNumbers));
    values.put(
        "bytes",
        dashSize && h.bytes() == 0 ? "-" : number(Long.toString(h.bytes()), !quotedNumbers));
    values.put("referer", h.referer());
    values.put("agent", h.agent());
    values.put("vhost", h.vhost());
    values.put(
        "duration_" + units[unit],
        noDuration < 4 ? duration : number((String) duration, !quotedNumbers));

    StringBuilder spec = new StringBuilder("json:");
    for (Map.Entry<String, String> e : paths.entrySet()) {
      String key = e.getKey();
      String path = e.getValue();
      Object v = values.get(key);
      // A second path for each key: listed first but null in the line, or listed last and
      // holding another value, which must lose to the mapped one wherever it is in the object.
      String alt = "alt_" + key.replace('_', 'x');
      spec.append(spec.length() > 5 ? "," : "")
          .append(key)
          .append('=')
          .append(decoyFirst ? alt + "|" + path : path + "|" + alt);
      if (decoyFirst) {
        JsonText.put(root, alt, null);
      } else if (v != null && !(key.startsWith("duration") && noDuration < 4)) {
        JsonText.put(root, alt, DECOYS.getOrDefault(key, new Raw("7")));
      }
      if (v != null) {
        JsonText.put(root, path, arrays && !(v instanceof Raw) ? List.of(v, "ignored") : v);
      }
    }
    Style s = List.of(Style.values()).get(style);
    String text = new JsonText(s, seed % 3 == 0 ? new Random(seed) : null).write(root);

    // Epoch numbers and a time without a zone (written in UTC) have offset 0.
    int offset = timeForm <= 3 || timeForm == 6 ? t.getOffset().getTotalSeconds() : 0;
    assertParsesTo(
        RowLines.of(JsonFormat.compile(spec.toString())),
        text,
        expected(h, t.toEpochSecond(), offset, durationMicros, h.referer(), h.agent()));
  }

  /** Values of the second paths of {@link #mappedLinesParseBack}: valid, but not the hit's. */
  private static final Map<String, Object> DECOYS =
      Map.of(
          "time", "2001-01-01T00:00:00Z",
          "host", "198.51.100.99",
          "user", "decoy",
          "method", "DECOY",
          "uri", "/decoy/x",
          "status", new Raw("299"),
          "referer", "https://decoy.example/",
          "agent", "decoy/1.0",
          "vhost", "decoy.example");

  @Provide
  Arbitrary<Hit> anyHits() {
    return Hits.hits(true);
  }

  /** Hits whose target fits a request line ({@code METHOD TARGET HTTP/1.1}): no spaces. */
  @Provide
  Arbitrary<Hit> requestLineHits() {
    return Hits.hits(true).filter(h -> !h.target().contains(" "));
  }

  @Provide
  Arbitrary<List<String>> timeKeys() {
    return net.jqwik.api.Arbitraries.of(
            "time", "time_iso8601", "time_local", "msec", "@timestamp", "timestamp")
        .set()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(ArrayList::new);
  }

  /** What nginx writes for a time variable used under {@code key}. */
  private static Object nginxTime(String key, OffsetDateTime t, boolean bare) {
    return switch (key) {
      case "time_local" -> t.format(Hits.CLF);
      case "msec" -> number(Hits.epochSeconds(t, 3), bare);
      case "timestamp" -> number(Hits.epochSeconds(t, 3), bare); // "timestamp": $msec
      default -> t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx"));
    };
  }

  /** The forms a {@code json:} time may take; see {@link #mappedLinesParseBack}. */
  private static Object mappedTime(OffsetDateTime t, int form) {
    OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
    long nanos = t.toEpochSecond() * 1_000_000_000L + t.getNano();
    return switch (form) {
      case 0 -> Hits.rfc3339Nano(t);
      case 1 ->
          t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss,SSS")) + Hits.zone(t, false);
      case 2 -> t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx"));
      case 3 -> t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx"));
      case 4 -> utc.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS"));
      case 5 -> new Raw(Hits.epochSeconds(t, 6));
      case 6 -> t.format(Hits.CLF);
      case 7 -> Long.toString(t.toEpochSecond());
      case 8 -> new Raw(millis(t, 0));
      case 9 -> Long.toString(nanos / 1000);
      case 10 -> new Raw(Long.toString(nanos));
      default -> millis(t, 3);
    };
  }

  private static String millis(OffsetDateTime t, int digits) {
    long nanos = t.toEpochSecond() * 1_000_000_000L + t.getNano();
    return BigDecimal.valueOf(nanos / Hits.pow10(6 - digits), digits).toPlainString();
  }

  private static Object number(String text, boolean bare) {
    return bare ? new Raw(text) : text;
  }

  /** The record a parser should make of {@code h}. */
  static LogRecord expected(
      Hit h, long epoch, int offset, long micros, String referer, String agent) {
    return new LogRecord(
        h.host(),
        h.user() == null || h.user().isEmpty() ? "-" : h.user(),
        epoch,
        offset,
        h.method(),
        h.target(),
        Sections.of(h.target()),
        false,
        h.status(),
        h.bytes(),
        referer,
        agent,
        h.vhost(),
        micros);
  }

  static void assertParsesTo(LineParser parser, String line, LogRecord expected) {
    ParseResult r = parser.parse(line);
    assertThat(r).as(line).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) r).record()).as(line).isEqualTo(expected);
  }
}
