package dev.logmon.parse.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import dev.logmon.parse.ParseResult;
import dev.logmon.parse.RowLines;
import dev.logmon.parse.Sections;
import dev.logmon.parse.format.Hits.Hit;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Round trips through every Apache directive and nginx variable logmon reads, in each of its
 * spellings ({@code %h}/{@code %a}, {@code %b}/{@code %B}/{@code %O}, each {@code %t} form and
 * {@code %T} unit, {@code $uri$is_args$args}, {@code $upstream_response_time} lists ...), plus ones
 * it skips. Values are escaped as each server escapes them: Apache {@code \"}, {@code \\} and
 * {@code \xhh}; nginx {@code \xHH} for quotes, backslashes and non-ASCII bytes. Fields come back as
 * written, escapes included. {@link FormatStringProperties} covers the common shapes.
 */
class FormatDirectiveProperties {

  @Property(tries = 1500)
  void everyApacheDirectiveParsesBack(
      @ForAll("textHits") Hit h,
      @ForAll boolean peerAddress,
      @ForAll @IntRange(min = 0, max = 9) int time,
      @ForAll @IntRange(min = 0, max = 2) int request,
      @ForAll @IntRange(min = 0, max = 2) int status,
      @ForAll @IntRange(min = 0, max = 2) int size,
      @ForAll @IntRange(min = 0, max = 5) int duration,
      @ForAll @IntRange(min = 0, max = 3) int vhost,
      @ForAll boolean skipped) {
    Line l = new Line();
    OffsetDateTime t = h.start();
    if (vhost > 0) {
      l.add(vhost == 2 ? "%V" : "%v", h.vhost());
      l.vhost = h.vhost();
      if (vhost == 3) {
        l.add(":%p", ":8443");
        l.vhost = h.vhost() + ":8443";
      }
      l.add(" ", " ");
    }
    l.add(peerAddress ? "%a" : "%h", h.host());
    l.host = h.host();
    l.add(" %l %u ", " - " + (h.user() == null ? "-" : apache(h.user())) + " ");
    l.user = h.user() == null ? "-" : apache(h.user());
    if (skipped) {
      l.add("%{X-Request-Id}i %P %k ", "YjQx-9 4711 0 ");
    }
    long epoch = t.toEpochSecond();
    long nanos = epoch * 1_000_000_000L + t.getNano();
    OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
    switch (time) {
      case 0 -> l.time("%t", "[" + t.format(Hits.CLF) + "]", t);
      case 1 -> l.time("%{sec}t", Long.toString(epoch), utc);
      case 2 -> l.time("%{msec}t", Long.toString(nanos / 1_000_000), utc);
      case 3 -> l.time("%{usec}t", Long.toString(nanos / 1_000), utc);
      case 4 -> l.time("%{begin:msec}t", Long.toString(nanos / 1_000_000), utc);
      case 5 -> l.time("%{end:sec}t", Long.toString(epoch), utc);
      case 6 -> l.time("[%{%d/%b/%Y:%H:%M:%S %z}t]", "[" + t.format(Hits.CLF) + "]", t);
      case 7 -> l.time("%{%F %T %z}t", t.format(pattern("uuuu-MM-dd HH:mm:ss xx")), t);
      // Without %z the time is read as UTC, so it is written in UTC.
      case 8 -> l.time("%{%e/%h/%Y %T}t", utc.format(pattern("ppd/MMM/uuuu HH:mm:ss")), utc);
      default ->
          l.time(
              "%{%Y-%m-%dT%H:%M:%S%z}t %{msec_frac}t",
              t.format(pattern("uuuu-MM-dd'T'HH:mm:ssxx")) + " 123", t);
    }
    String target = apache(h.target());
    switch (request) {
      case 0 -> l.add(" \"%r\"", " \"" + h.method() + " " + target + " HTTP/1.1\"");
      case 1 -> l.add(" \"%m %U%q %H\"", " \"" + h.method() + " " + target + " HTTP/2.0\"");
      default -> {
        target = apache(h.path());
        l.add(" \"%m %U %H\"", " \"" + h.method() + " " + target + " HTTP/1.0\"");
      }
    }
    l.method = h.method();
    l.target = target;
    l.add(new String[] {" %>s", " %s", " %<s"}[status], " " + h.status());
    l.status = h.status();
    String bytes =
        size == 0 && h.bytes() == 0 ? "-" : Long.toString(h.bytes()); // %b writes 0 as '-'
    l.add(new String[] {" %b", " %B", " %O"}[size], " " + bytes);
    l.bytes = h.bytes();
    long micros = h.nanos() / 1000;
    switch (duration) {
      case 1 -> l.duration(" %D", Long.toString(micros), micros);
      case 2 ->
          l.duration(" %T", Long.toString(micros / 1_000_000), micros / 1_000_000 * 1_000_000);
      case 3 ->
          l.duration(" %{s}T", Long.toString(micros / 1_000_000), micros / 1_000_000 * 1_000_000);
      case 4 -> l.duration(" %{ms}T", Long.toString(micros / 1000), micros / 1000 * 1000);
      case 5 -> l.duration(" %{us}T", Long.toString(micros), micros);
      default -> {}
    }
    l.add(" \"%{Referer}i\"", " \"" + apache(dash(h.referer())) + "\"");
    l.referrer = apache(dash(h.referer()));
    l.add(" \"%{User-agent}i\"", " \"" + apache(dash(h.agent())) + "\"");
    l.agent = apache(dash(h.agent()));
    l.check(TextFormat.of(l.format.toString()).parse(l.text.toString()), l.user);
    l.check(RowLines.format(l.format.toString()).parse(l.text.toString()), "-");
  }

  @Property(tries = 1500)
  void everyNginxVariableParsesBack(
      @ForAll("textHits") Hit h,
      @ForAll @IntRange(min = 0, max = 2) int host,
      @ForAll @IntRange(min = 0, max = 2) int time,
      @ForAll @IntRange(min = 0, max = 3) int request,
      @ForAll boolean bytesSent,
      @ForAll @IntRange(min = 0, max = 3) int duration,
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 9_999) Integer> attempts,
      @ForAll boolean colonSeparated,
      @ForAll @IntRange(min = 0, max = 4) int vhost,
      @ForAll boolean skipped) {
    Line l = new Line();
    OffsetDateTime t = h.start();
    String[] hosts = {"$remote_addr", "$realip_remote_addr", "${remote_addr}"};
    l.add(hosts[host] + " - $remote_user ", h.host() + " - " + nginx(dash(h.user())) + " ");
    l.host = h.host();
    l.user = nginx(dash(h.user()));
    switch (time) {
      case 0 -> l.time("[$time_local]", "[" + t.format(Hits.CLF) + "]", t);
      case 1 -> l.time("$time_iso8601", t.format(pattern("uuuu-MM-dd'T'HH:mm:ssxxx")), t);
      default -> l.time("$msec", Hits.epochSeconds(t, 3), t.withOffsetSameInstant(ZoneOffset.UTC));
    }
    String target = nginx(h.target());
    String query = h.query() == null || h.query().isEmpty() ? null : nginx(h.query());
    String path = nginx(h.path());
    switch (request) {
      case 0 -> l.add(" \"$request\"", " \"" + h.method() + " " + target + " HTTP/1.1\"");
      case 1 ->
          l.add(
              " \"$request_method $request_uri $server_protocol\"",
              " \"" + h.method() + " " + target + " HTTP/2.0\"");
      case 2 -> {
        target = query == null ? path : path + "?" + query;
        l.add(
            " \"$request_method $uri$is_args$args $server_protocol\"",
            " \"" + h.method() + " " + target + " HTTP/1.1\"");
      }
      default -> {
        target = path;
        l.add(" \"$request_method $document_uri\"", " \"" + h.method() + " " + target + "\"");
      }
    }
    l.method = h.method();
    l.target = target;
    l.add(" $status", " " + h.status());
    l.status = h.status();
    l.add(bytesSent ? " $bytes_sent" : " $body_bytes_sent", " " + h.bytes());
    l.bytes = h.bytes();
    if (skipped) {
      l.add(" $request_length $connection $pipe", " 512 7 .");
    }
    long millis = h.nanos() / 1_000_000;
    switch (duration) {
      case 1 -> l.duration(" $request_time", seconds(millis), millis * 1000);
      case 2 -> {
        // One upstream attempt per entry: "0.010, 0.002" tried two servers, " : " crossed to
        // another upstream group; the attempts add up.
        StringBuilder list = new StringBuilder();
        long sum = 0;
        for (int a : attempts) {
          list.append(list.length() == 0 ? "" : colonSeparated ? " : " : ", ").append(seconds(a));
          sum += a * 1000L;
        }
        l.duration(" $upstream_response_time", list.toString(), sum);
      }
      case 3 -> l.add(" $upstream_response_time", " -"); // no upstream was asked
      default -> {}
    }
    l.add(
        " \"$http_referer\" \"$http_user_agent\"",
        " \"" + nginx(dash(h.referer())) + "\" \"" + nginx(dash(h.agent())) + "\"");
    l.referrer = nginx(dash(h.referer()));
    l.agent = nginx(dash(h.agent()));
    if (skipped) {
      l.add(" \"$http_x_forwarded_for\" $upstream_addr", " \"-\" 10.0.0.7:8080");
    }
    switch (vhost) {
      case 1 -> l.vhost(" $host", h.vhost());
      case 2 -> l.vhost(" $server_name", h.vhost());
      case 3 -> l.vhost(" $http_host", h.vhost());
      case 4 -> l.vhost(" $host:$server_port", h.vhost() + ":443");
      default -> {}
    }
    l.check(TextFormat.of(l.format.toString()).parse(l.text.toString()), l.user);
    l.check(RowLines.format(l.format.toString()).parse(l.text.toString()), "-");
  }

  @Provide
  Arbitrary<Hit> textHits() {
    // A target with a space cannot be told from the request line's separators.
    // A target or user with a space cannot be told from the separators around it (servers do
    // not escape spaces); a vhost with a port would be ambiguous before ":%p".
    return Hits.hits(true)
        .filter(
            h ->
                !h.target().contains(" ")
                    && (h.user() == null || !h.user().contains(" "))
                    && h.vhost().indexOf(':') < 0);
  }

  /** A format string and a line written through it, with the record it should read back as. */
  private static final class Line {
    final StringBuilder format = new StringBuilder();
    final StringBuilder text = new StringBuilder();
    String host = "-";
    String user = "-";
    long epoch;
    int offset;
    String method = "";
    String target = "";
    int status;
    long bytes;
    String referrer;
    String agent;
    String vhost;
    long micros = LogRecord.NO_DURATION;

    void add(String f, String t) {
      format.append(f);
      text.append(t);
    }

    void time(String f, String t, OffsetDateTime as) {
      add(f, t);
      epoch = as.toEpochSecond();
      offset = as.getOffset().getTotalSeconds();
    }

    void duration(String f, String t, long expected) {
      add(f, " " + t.stripLeading());
      micros = expected;
    }

    void vhost(String f, String t) {
      add(f, " " + t);
      vhost = t;
    }

    /** Checks a reading of the line; a row keeps no user ({@code expectedUser} "-"). */
    void check(ParseResult r, String expectedUser) {
      String where = format + "\n" + text;
      assertThat(r).as(where).isInstanceOf(ParseResult.Parsed.class);
      assertThat(((ParseResult.Parsed) r).record())
          .as(where)
          .isEqualTo(
              new LogRecord(
                  host,
                  expectedUser,
                  epoch,
                  offset,
                  method,
                  target,
                  Sections.of(target),
                  false,
                  status,
                  bytes,
                  referrer,
                  agent,
                  vhost,
                  micros));
    }
  }

  private static DateTimeFormatter pattern(String p) {
    return DateTimeFormatter.ofPattern(p, Locale.ENGLISH);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }

  /**
   * Apache's {@code ap_escape_logitem}: {@code \"}, {@code \\}, {@code \n}-style escapes, and
   * {@code \xhh} for every other byte that is not printable ASCII.
   */
  static String apache(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.append((char) c);
          }
        }
      }
    }
    return out.toString();
  }

  /** nginx's log escaping: {@code \xHH} for {@code "}, {@code \} and bytes outside 0x20..0x7e. */
  static String nginx(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\x%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}
