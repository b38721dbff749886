package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of lines, one per oddity in the real logs (see SOURCES.md), with every expected field.
 *
 * <p>Lines are written with a backtick for each {@code "} so that Apache's own {@code \"} escapes
 * stay readable; times are ISO strings turned into epoch seconds by java.time, independently of the
 * parser. Addresses are from the documentation ranges except in the Apache-2.0 elastic lines.
 */
class ClfParserTest {
  private static final ClfParser PARSER = new ClfParser();
  private static final String DASH = "-";
  private static final String LONG_AGENT =
      "Mozilla/5.0 (Linux; U; Android 4.2.2; zh-cn; LAVA.KKT35+.FARSIGHTED60D_CN_11B_HW"
          + " (MAUI/1.0; like Gecko) ".repeat(12)
          + "Version/4.0 Mobile Safari/534.30";

  static Stream<Arguments> hits() {
    return Stream.of(
        hit(
            "global IPv6 client, +0100",
            "2001:db8:8:f69::1 - - [29/Oct/2015:06:47:36 +0100] `GET /join_form HTTP/1.1` 200"
                + " 20526 `http://example.org/` `Mozilla/5.0 (Windows NT 6.1)`",
            rec("2001:db8:8:f69::1", DASH, "2015-10-29T06:47:36+01:00", "GET", "/join_form")
                .ok(200, 20526, "http://example.org/", "Mozilla/5.0 (Windows NT 6.1)")),
        hit(
            "vhost prefix with ::1 client and OPTIONS *",
            "example.org:80 ::1 - - [25/Nov/2020:19:03:19 +0000] `OPTIONS * HTTP/1.0` 200 126 `-`"
                + " `Apache/2.4.29 (Ubuntu) OpenSSL/1.1.1 (internal dummy connection)`",
            rec("::1", DASH, "2020-11-25T19:03:19Z", "OPTIONS", "*")
                .vhost("example.org:80")
                .ok(
                    200,
                    126,
                    DASH,
                    "Apache/2.4.29 (Ubuntu) OpenSSL/1.1.1 (internal dummy connection)")),
        hit(
            "vhost prefix with IPv4 client on 443",
            "www.example.org:443 192.0.2.165 - - [29/Nov/2020:01:40:53 +0000] `GET /nmaplowercheck1"
                + " HTTP/1.1` 404 4148 `-` `\\`Mozilla/5.0`",
            rec("192.0.2.165", DASH, "2020-11-29T01:40:53Z", "GET", "/nmaplowercheck1")
                .vhost("www.example.org:443")
                .ok(404, 4148, DASH, "\\`Mozilla/5.0")),
        hit(
            "OPTIONS * without vhost",
            "192.0.2.1 - - [25/Nov/2020:19:03:19 +0000] `OPTIONS * HTTP/1.0` 200 0 `-` `-`",
            rec("192.0.2.1", DASH, "2020-11-25T19:03:19Z", "OPTIONS", "*").ok(200, 0, DASH, DASH)),
        hit(
            "a leap second reads as :59, as every format's time reader reads it",
            "192.0.2.1 - - [31/Dec/2016:23:59:60 +0000] `GET / HTTP/1.1` 200 0 `-` `-`",
            rec("192.0.2.1", DASH, "2016-12-31T23:59:59Z", "GET", "/").ok(200, 0, DASH, DASH)),
        hit(
            "size - is 0 bytes (elastic L77)",
            "218.30.103.62 - - [17/May/2015:11:05:11 +0000] `GET /robots.txt HTTP/1.1` 200 - `-`"
                + " `Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)`",
            rec("218.30.103.62", DASH, "2015-05-17T11:05:11Z", "GET", "/robots.txt")
                .ok(
                    200,
                    0,
                    DASH,
                    "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)")),
        hit(
            "\\xHH referrer kept as logged (elastic L5851)",
            "201.242.142.135 - - [19/May/2015:11:05:10 +0000] `GET /files/logstash/ HTTP/1.0` 200"
                + " 13316 `http://\\xe4\\xe5\\xe3\\xf2-\\xec.\\xf0\\xf4/` `Mozilla/5.0"
                + " Firefox/11.0`",
            rec("201.242.142.135", DASH, "2015-05-19T11:05:10Z", "GET", "/files/logstash/")
                .section("/files")
                .ok(
                    200,
                    13316,
                    "http://\\xe4\\xe5\\xe3\\xf2-\\xec.\\xf0\\xf4/",
                    "Mozilla/5.0 Firefox/11.0")),
        hit(
            "TLS handshake on port 80 logged as \\xHH",
            "www.example.org:80 198.51.100.177 - - [25/Nov/2020:19:00:11 +0000]"
                + " `\\x16\\x03\\x01\\x02m\\x01` 400 0 `-` `-`",
            rec("198.51.100.177", DASH, "2020-11-25T19:00:11Z")
                .vhost("www.example.org:80")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "escaped quote inside binary request does not end the field",
            "www.example.org:80 198.51.100.9 - - [01/Dec/2020:10:00:00 +0000]"
                + " `\\x16\\x03\\x01\\x01\\`\\x01` 400 0 `-` `-`",
            rec("198.51.100.9", DASH, "2020-12-01T10:00:00Z")
                .vhost("www.example.org:80")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "request - with 408",
            "192.0.2.235 - - [25/Nov/2020:19:03:19 +0000] `-` 408 0 `-` `-`",
            rec("192.0.2.235", DASH, "2020-11-25T19:03:19Z")
                .badRequest(Sections.NO_REQUEST)
                .ok(408, 0, DASH, DASH)),
        hit(
            "request that is only a newline",
            "192.0.2.3 - - [26/Nov/2020:07:12:01 +0000] `\\n` 400 0 `-` `-`",
            rec("192.0.2.3", DASH, "2020-11-26T07:12:01Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "empty request",
            "192.0.2.4 - - [01/Aug/2024:12:00:00 +0000] `` 400 0 `-` `-`",
            rec("192.0.2.4", DASH, "2024-08-01T12:00:00Z")
                .badRequest(Sections.EMPTY_REQUEST)
                .ok(400, 0, DASH, DASH)),
        hit(
            "HTTP/2 preface PRI *",
            "198.51.100.111 - - [23/Jul/2024:03:57:54 +0000] `PRI * HTTP/2.0` 400 859 `-` `-`",
            rec("198.51.100.111", DASH, "2024-07-23T03:57:54Z", "PRI", "*")
                .ok(400, 859, DASH, DASH)),
        hit(
            "CONNECT authority form",
            "198.51.100.5 - - [23/Jul/2024:02:00:03 +0000] `CONNECT google.com:443 HTTP/1.1` 405"
                + " 856 `-` `Go-http-client/1.1`",
            rec("198.51.100.5", DASH, "2024-07-23T02:00:03Z", "CONNECT", "google.com:443")
                .section(Sections.CONNECT)
                .ok(405, 856, DASH, "Go-http-client/1.1")),
        hit(
            "absolute-URI proxy probe",
            "www.example.org:80 198.51.100.227 - - [27/Nov/2020:03:10:00 +0000] `GET"
                + " http://198.51.100.227/echo.php HTTP/1.1` 404 450 `https://www.google.com/` `-`",
            rec(
                    "198.51.100.227",
                    DASH,
                    "2020-11-27T03:10:00Z",
                    "GET",
                    "http://198.51.100.227/echo.php")
                .vhost("www.example.org:80")
                .section("/echo.php")
                .ok(404, 450, "https://www.google.com/", DASH)),
        hit(
            "Common Log Format with CRLF and -0800",
            "192.0.2.10 - - [07/Mar/2004:16:05:49 -0800] `GET"
                + " /twiki/bin/edit/Main/Double_bounce_sender?topicparent=Main.ConfigurationVariables"
                + " HTTP/1.1` 401 12846\r",
            rec(
                    "192.0.2.10",
                    DASH,
                    "2004-03-07T16:05:49-08:00",
                    "GET",
                    "/twiki/bin/edit/Main/Double_bounce_sender?topicparent=Main.ConfigurationVariables")
                .section("/twiki")
                .ok(401, 12846, null, null)),
        hit(
            "host name as client",
            "lj1036.inktomisearch.example - - [07/Mar/2004:17:18:36 -0800] `GET /robots.txt"
                + " HTTP/1.0` 200 68\r",
            rec(
                    "lj1036.inktomisearch.example",
                    DASH,
                    "2004-03-07T17:18:36-08:00",
                    "GET",
                    "/robots.txt")
                .ok(200, 68, null, null)),
        hit(
            "dialup host name with HEAD and size 0",
            "206-15-133-181.dialup.example.net - - [07/Mar/2004:20:04:03 -0800]"
                + " `HEAD /twiki/bin/view/Main/SpamAssassinDeleting HTTP/1.1` 200 0\r",
            rec(
                    "206-15-133-181.dialup.example.net",
                    DASH,
                    "2004-03-07T20:04:03-08:00",
                    "HEAD",
                    "/twiki/bin/view/Main/SpamAssassinDeleting")
                .section("/twiki")
                .ok(200, 0, null, null)),
        hit(
            "regex metacharacters in the query",
            "192.0.2.10 - - [08/Mar/2004:09:00:00 -0800] `GET"
                + " /twiki/bin/search/Main/?search=Joris%20*Benschop[^A-Za-z] HTTP/1.1` 200 4449",
            rec(
                    "192.0.2.10",
                    DASH,
                    "2004-03-08T09:00:00-08:00",
                    "GET",
                    "/twiki/bin/search/Main/?search=Joris%20*Benschop[^A-Za-z]")
                .section("/twiki")
                .ok(200, 4449, null, null)),
        hit(
            "query that is only a metacharacter",
            "192.0.2.10 - - [08/Mar/2004:09:00:01 -0800] `GET /search?search=.* HTTP/1.1` 200 1",
            rec("192.0.2.10", DASH, "2004-03-08T09:00:01-08:00", "GET", "/search?search=.*")
                .section("/search")
                .ok(200, 1, null, null)),
        hit(
            "very long user agent",
            "192.0.2.55 - - [19/May/2015:08:05:10 +0000] `GET / HTTP/1.1` 200 123 `-` `"
                + LONG_AGENT
                + "`",
            rec("192.0.2.55", DASH, "2015-05-19T08:05:10Z", "GET", "/")
                .ok(200, 123, DASH, LONG_AGENT)),
        hit(
            "JSON blob as request line",
            "198.51.100.20 - - [29/Jul/2024:10:00:00 +0000]"
                + " `{\\`Platform\\`:\\`linux\\`,\\`GCC\\`:\\`386\\`}\\n` 400 0 `-` `-`",
            rec("198.51.100.20", DASH, "2024-07-29T10:00:00Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "PHP injection with escaped quotes in a valid target",
            "198.51.100.21 - - [04/Aug/2024:10:00:00 +0000] `GET"
                + " /index.php?s=<?echo(md5(\\`hi\\`));?>+/tmp/index1.php HTTP/1.1` 404 455 `-`"
                + " `-`",
            rec(
                    "198.51.100.21",
                    DASH,
                    "2024-08-04T10:00:00Z",
                    "GET",
                    "/index.php?s=<?echo(md5(\\`hi\\`));?>+/tmp/index1.php")
                .section("/index.php")
                .ok(404, 455, DASH, DASH)),
        hit(
            "FTP command as request",
            "198.51.100.22 - - [26/Jul/2024:01:02:03 +0000] `USER anonymous` 400 0 `-` `-`",
            rec("198.51.100.22", DASH, "2024-07-26T01:02:03Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "IRC command with pipes as request",
            "198.51.100.23 - - [29/Jul/2024:01:02:03 +0000] `NICK M|k|0|4866772|debian\\n"
                + "` 400 0 `-` `-`",
            rec("198.51.100.23", DASH, "2024-07-29T01:02:03Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "IRC PASS with trailing space before \\n",
            "198.51.100.23 - - [29/Jul/2024:01:02:04 +0000] `PASS \\n` 400 0 `-` `-`",
            rec("198.51.100.23", DASH, "2024-07-29T01:02:04Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "GET without protocol",
            "192.0.2.8 - - [01/Jan/2020:00:00:00 +0000] `GET /x` 400 0 `-` `-`",
            rec("192.0.2.8", DASH, "2020-01-01T00:00:00Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "lowercase method",
            "192.0.2.8 - - [01/Jan/2020:00:00:00 +0000] `get / HTTP/1.1` 400 0 `-` `-`",
            rec("192.0.2.8", DASH, "2020-01-01T00:00:00Z")
                .badRequest(Sections.INVALID)
                .ok(400, 0, DASH, DASH)),
        hit(
            "method with underscore and braces in target",
            "192.0.2.8 - - [01/Jan/2020:00:00:00 +0000]"
                + " `SSTP_DUPLEX_POST /sra_{BA195980-CD49}/ HTTP/1.1` 405 0 `-` `-`",
            rec(
                    "192.0.2.8",
                    DASH,
                    "2020-01-01T00:00:00Z",
                    "SSTP_DUPLEX_POST",
                    "/sra_{BA195980-CD49}/")
                .section("/sra_{BA195980-CD49}")
                .ok(405, 0, DASH, DASH)),
        hit(
            "+0330 offset",
            "192.0.2.30 - - [01/Apr/2021:12:30:00 +0330] `GET /shop/item?id=7 HTTP/1.1` 200 512 `-`"
                + " `-`",
            rec("192.0.2.30", DASH, "2021-04-01T12:30:00+03:30", "GET", "/shop/item?id=7")
                .section("/shop")
                .ok(200, 512, DASH, DASH)),
        hit(
            "-0930 offset across midnight",
            "192.0.2.31 - - [31/Dec/1999:23:59:59 -0930] `GET / HTTP/1.0` 200 5 `-` `-`",
            rec("192.0.2.31", DASH, "1999-12-31T23:59:59-09:30", "GET", "/")
                .ok(200, 5, DASH, DASH)),
        hit(
            "leap day",
            "192.0.2.32 - - [29/Feb/2016:00:00:00 +0000] `GET / HTTP/1.0` 200 5",
            rec("192.0.2.32", DASH, "2016-02-29T00:00:00Z", "GET", "/").ok(200, 5, null, null)),
        hit(
            "nginx extra X-Forwarded-For and request_time fields are ignored",
            "198.51.100.40 - - [12/Jun/2022:08:00:00 +0330] `GET /api/v1/cart HTTP/2.0` 200 31"
                + " `https://shop.example/` `curl/7.81.0` `203.0.113.9, 198.51.100.2` 0.005",
            rec("198.51.100.40", DASH, "2022-06-12T08:00:00+03:30", "GET", "/api/v1/cart")
                .section("/api")
                .ok(200, 31, "https://shop.example/", "curl/7.81.0")),
        hit(
            "nginx extra - field is ignored",
            "2001:db8::7 - - [12/Jun/2022:08:00:01 +0330] `POST /api HTTP/1.1` 201 2 `-` `-` `-`",
            rec("2001:db8::7", DASH, "2022-06-12T08:00:01+03:30", "POST", "/api")
                .ok(201, 2, DASH, DASH)),
        hit(
            "empty referrer and user agent",
            "192.0.2.50 - - [10/Oct/2000:13:55:36 -0700] `GET /apache_pb.gif HTTP/1.0` 200 2326 ``"
                + " ``",
            rec("192.0.2.50", DASH, "2000-10-10T13:55:36-07:00", "GET", "/apache_pb.gif")
                .ok(200, 2326, "", "")),
        hit(
            "escaped quotes in a user-agent exploit",
            "192.0.2.51 - - [10/Oct/2000:13:55:36 -0700] `GET / HTTP/1.1` 200 1 `-`"
                + " `() { :; }; echo \\`pwned\\` \\\\`",
            rec("192.0.2.51", DASH, "2000-10-10T13:55:36-07:00", "GET", "/")
                .ok(200, 1, DASH, "() { :; }; echo \\`pwned\\` \\\\")),
        hit(
            "authenticated user and 5xx OPTIONS",
            "192.0.2.60 - frank [20/May/2015:21:05:15 +0000] `OPTIONS /projects/xdotool/ HTTP/1.1`"
                + " 500 538 `-` `-`",
            rec("192.0.2.60", "frank", "2015-05-20T21:05:15Z", "OPTIONS", "/projects/xdotool/")
                .section("/projects")
                .ok(500, 538, DASH, DASH)),
        hit(
            "trailing spaces and CR",
            "192.0.2.61 - - [20/May/2015:21:05:15 +0000] `GET /a/b HTTP/1.1` 304 0 `-` `-`  \r",
            rec("192.0.2.61", DASH, "2015-05-20T21:05:15Z", "GET", "/a/b")
                .section("/a")
                .ok(304, 0, DASH, DASH)),
        hit(
            "percent-encoded non-UTF-8 bytes in the target",
            "192.0.2.62 - - [18/May/2015:10:05:00 +0000]"
                + " `GET /presentations/vim/+++Result:+%E8%F1%EF%EE HTTP/1.1` 200 9 `-` `-`",
            rec(
                    "192.0.2.62",
                    DASH,
                    "2015-05-18T10:05:00Z",
                    "GET",
                    "/presentations/vim/+++Result:+%E8%F1%EF%EE")
                .section("/presentations")
                .ok(200, 9, DASH, DASH)),
        hit(
            "status 600..999 is still a hit",
            "192.0.2.63 - - [18/May/2015:10:05:00 +0000] `GET / HTTP/1.1` 999 9 `-` `-`",
            rec("192.0.2.63", DASH, "2015-05-18T10:05:00Z", "GET", "/").ok(999, 9, DASH, DASH)),
        hit(
            "largest size that fits a long",
            "192.0.2.64 - - [18/May/2015:10:05:00 +0000] `GET / HTTP/1.1` 200 9223372036854775807",
            rec("192.0.2.64", DASH, "2015-05-18T10:05:00Z", "GET", "/")
                .ok(200, Long.MAX_VALUE, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hits")
  void parsesEveryField(String line, LogRecord expected) {
    assertThat(PARSER.parse(line)).isEqualTo(new ParseResult.Parsed(expected));
  }

  static Stream<Arguments> malformed() {
    String ts = "[18/May/2015:19:05:46 +0000]";
    String ok = " `GET / HTTP/1.1` 200 5 `-` `-`";
    return Stream.of(
        bad("empty line", "", MalformedReason.EMPTY),
        bad("only spaces and CR", "   \r", MalformedReason.EMPTY),
        bad(
            "cut after timestamp (elastic L4031)",
            "46.161.41.24 - - " + ts + "`",
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "agent fragment after timestamp (elastic L8897)",
            "46.118.127.106 - - [20/May/2015:12:05:26 +0000] (X11; U; ) - BrowseX (2.0.0 Windows)`",
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "paren fragment after timestamp (elastic L9952)",
            "63.140.98.80 - - [20/May/2015:21:05:03 +0000])`",
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "cut after timestamp, no quote",
            "192.0.2.1 - - " + ts,
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "unterminated request",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1",
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "request ends in an escaped quote",
            "192.0.2.1 - - " + ts + " `GET /\\` 200 5",
            MalformedReason.BAD_REQUEST_FIELD),
        bad(
            "text glued to the request",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1`200 5",
            MalformedReason.BAD_REQUEST_FIELD),
        bad("one word", "garbage", MalformedReason.BAD_TIMESTAMP),
        bad("no timestamp", "192.0.2.1 - - `GET / HTTP/1.1` 200 5", MalformedReason.BAD_TIMESTAMP),
        bad(
            "five tokens before timestamp",
            "a b 192.0.2.1 - - " + ts + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad("leading space", " 192.0.2.1 - - " + ts + ok, MalformedReason.BAD_HOST),
        bad("double space", "192.0.2.1  - " + ts + ok, MalformedReason.BAD_HOST),
        bad("quote in host", "192.0.2`1 - - " + ts + ok, MalformedReason.BAD_HOST),
        bad(
            "lowercase month",
            "192.0.2.1 - - [18/may/2015:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "day 32",
            "192.0.2.1 - - [32/May/2015:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "day 0",
            "192.0.2.1 - - [00/May/2015:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "31 April",
            "192.0.2.1 - - [31/Apr/2015:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "29 Feb of a common year",
            "192.0.2.1 - - [29/Feb/2015:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "29 Feb 1900",
            "192.0.2.1 - - [29/Feb/1900:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "hour 24",
            "192.0.2.1 - - [18/May/2015:24:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "minute 60",
            "192.0.2.1 - - [18/May/2015:19:60:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "offset minutes 60",
            "192.0.2.1 - - [18/May/2015:19:05:46 +0060]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "offset beyond 18h",
            "192.0.2.1 - - [18/May/2015:19:05:46 +1900]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "offset without sign",
            "192.0.2.1 - - [18/May/2015:19:05:46  0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "no offset",
            "192.0.2.1 - - [18/May/2015:19:05:46]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "two-digit year",
            "192.0.2.1 - - [18/May/15:19:05:46 +0000]" + ok,
            MalformedReason.BAD_TIMESTAMP),
        bad(
            "missing status",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1`",
            MalformedReason.BAD_STATUS),
        bad(
            "two-digit status",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 20 5",
            MalformedReason.BAD_STATUS),
        bad(
            "four-digit status",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 2000 5",
            MalformedReason.BAD_STATUS),
        bad(
            "status below 100",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 099 5",
            MalformedReason.BAD_STATUS),
        bad(
            "status -",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` - 5",
            MalformedReason.BAD_STATUS),
        bad(
            "missing size",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200",
            MalformedReason.BAD_SIZE),
        bad(
            "30-digit size",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 " + "9".repeat(30),
            MalformedReason.BAD_SIZE),
        bad(
            "size one past Long.MAX_VALUE",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 9223372036854775808",
            MalformedReason.BAD_SIZE),
        bad(
            "size with letters",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 12a",
            MalformedReason.BAD_SIZE),
        bad(
            "negative size",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 -5",
            MalformedReason.BAD_SIZE),
        bad(
            "referrer without agent",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 5 `-`",
            MalformedReason.BAD_HEADER_FIELD),
        bad(
            "unterminated agent",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 5 `-` `Mozilla",
            MalformedReason.BAD_HEADER_FIELD),
        bad(
            "unterminated referrer",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 5 `http://x",
            MalformedReason.BAD_HEADER_FIELD),
        bad(
            "text glued to the agent",
            "192.0.2.1 - - " + ts + ok + "x",
            MalformedReason.TRAILING_GARBAGE),
        bad(
            "unquoted text after the size",
            "192.0.2.1 - - " + ts + " `GET / HTTP/1.1` 200 5 x",
            MalformedReason.TRAILING_GARBAGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsWithReason(String line, MalformedReason reason) {
    assertThat(PARSER.parse(line)).isEqualTo(new ParseResult.Malformed(reason));
  }

  @Test
  void nullIsAnEmptyLine() {
    assertThat(PARSER.parse(null)).isEqualTo(new ParseResult.Malformed(MalformedReason.EMPTY));
  }

  @Test
  void epochZero() {
    LogRecord r = parsed("192.0.2.1 - - [01/Jan/1970:00:00:00 +0000] `GET / HTTP/1.1` 200 5");
    assertThat(r.epochSecond()).isZero();
    assertThat(r.offsetSeconds()).isZero();
  }

  @Test
  void recordStringsAreSharedOrSubstringsNotCopiesOfTheWholeLine() {
    LogRecord r =
        parsed("192.0.2.1 - - [01/Jan/1970:00:00:00 +0000] `GET / HTTP/1.1` 200 5 `-` `-`");
    assertThat(r.user()).isSameAs(r.referrer()).isSameAs(r.userAgent());
  }

  private static LogRecord parsed(String line) {
    ParseResult result = PARSER.parse(q(line));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).record();
  }

  /** Replaces each backtick by a double quote, so lines full of {@code \"} stay readable. */
  static String q(String s) {
    return s == null ? null : s.replace('`', '"');
  }

  private static Arguments hit(String name, String line, LogRecord expected) {
    return arguments(Named.of(name, q(line)), expected);
  }

  private static Arguments bad(String name, String line, MalformedReason reason) {
    return arguments(Named.of(name, q(line)), reason);
  }

  private static Expect rec(String host, String user, String isoTime) {
    return new Expect(host, user, OffsetDateTime.parse(isoTime), "", "");
  }

  private static Expect rec(
      String host, String user, String isoTime, String method, String target) {
    return new Expect(host, user, OffsetDateTime.parse(isoTime), method, target);
  }

  /** Builds an expected record; the section defaults to the target itself ("/", "*", "/x"). */
  private static final class Expect {
    private final String host;
    private final String user;
    private final OffsetDateTime time;
    private final String method;
    private final String target;
    private String section;
    private boolean requestMalformed;
    private String vhost;

    Expect(String host, String user, OffsetDateTime time, String method, String target) {
      this.host = host;
      this.user = user;
      this.time = time;
      this.method = method;
      this.target = q(target);
      this.section = this.target;
    }

    Expect section(String section) {
      this.section = section;
      return this;
    }

    Expect badRequest(String placeholderSection) {
      this.requestMalformed = true;
      this.section = placeholderSection;
      return this;
    }

    Expect vhost(String vhost) {
      this.vhost = vhost;
      return this;
    }

    LogRecord ok(int status, long bytes, String referrer, String userAgent) {
      return new LogRecord(
          host,
          user,
          time.toEpochSecond(),
          time.getOffset().getTotalSeconds(),
          method,
          target,
          section,
          requestMalformed,
          status,
          bytes,
          q(referrer),
          q(userAgent),
          vhost,
          LogRecord.NO_DURATION);
    }
  }
}
