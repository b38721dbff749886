package dev.logmon.parse.format;

import dev.logmon.parse.RowParser;
import java.util.Map;

/**
 * Compiles an nginx {@code log_format} string ({@code $remote_addr - $remote_user [$time_local]
 * "$request" $status $body_bytes_sent ...}) into a {@link ByteFormat}.
 *
 * <p>Variables are {@code $name} or {@code ${name}}. The families nginx generates ({@code $http_*},
 * {@code $sent_http_*}, {@code $upstream_*}, {@code $cookie_*}, {@code $arg_*}, {@code $ssl_*}) are
 * skipped unless logmon uses them; any other unknown variable is an error, as a typo would
 * otherwise silently read the wrong field.
 */
public final class NginxFormat {
  private static final Map<String, FieldKind> VARIABLES =
      Map.ofEntries(
          Map.entry("remote_addr", FieldKind.HOST),
          Map.entry("realip_remote_addr", FieldKind.HOST),
          Map.entry("remote_user", FieldKind.USER),
          Map.entry("time_local", FieldKind.TIME_CLF),
          Map.entry("time_iso8601", FieldKind.TIME_ISO),
          Map.entry("msec", FieldKind.TIME_EPOCH_S),
          Map.entry("request", FieldKind.REQUEST),
          Map.entry("request_method", FieldKind.METHOD),
          Map.entry("request_uri", FieldKind.TARGET),
          Map.entry("uri", FieldKind.PATH),
          Map.entry("document_uri", FieldKind.PATH),
          Map.entry("is_args", FieldKind.QUERY),
          Map.entry("args", FieldKind.QUERY),
          Map.entry("query_string", FieldKind.QUERY),
          Map.entry("server_protocol", FieldKind.PROTOCOL),
          Map.entry("status", FieldKind.STATUS),
          Map.entry("body_bytes_sent", FieldKind.BYTES),
          Map.entry("bytes_sent", FieldKind.BYTES),
          Map.entry("request_time", FieldKind.DURATION_S),
          Map.entry("upstream_response_time", FieldKind.DURATION_S_LIST),
          Map.entry("http_referer", FieldKind.REFERRER),
          Map.entry("http_user_agent", FieldKind.USER_AGENT),
          Map.entry("host", FieldKind.VHOST),
          Map.entry("server_name", FieldKind.VHOST),
          Map.entry("http_host", FieldKind.VHOST),
          Map.entry("server_port", FieldKind.PORT),
          Map.entry("remote_port", FieldKind.IGNORE),
          Map.entry("server_addr", FieldKind.IGNORE),
          Map.entry("request_length", FieldKind.IGNORE),
          Map.entry("connection", FieldKind.IGNORE),
          Map.entry("connection_requests", FieldKind.IGNORE),
          Map.entry("pipe", FieldKind.IGNORE),
          Map.entry("scheme", FieldKind.IGNORE),
          Map.entry("request_id", FieldKind.IGNORE),
          Map.entry("gzip_ratio", FieldKind.IGNORE),
          Map.entry("hostname", FieldKind.IGNORE),
          Map.entry("pid", FieldKind.IGNORE),
          Map.entry("proxy_host", FieldKind.IGNORE),
          Map.entry("content_type", FieldKind.IGNORE),
          Map.entry("content_length", FieldKind.IGNORE));

  private static final String[] SKIPPED_FAMILIES = {
    "http_", "sent_http_", "upstream_", "cookie_", "arg_", "ssl_", "geoip_", "proxy_add_"
  };

  private NginxFormat() {}

  /**
   * Compiles {@code format}.
   *
   * @throws FormatException naming the offending variable and its column
   */
  public static RowParser compile(String format) {
    return tokens(format).compile();
  }

  /** The tokens of {@code format}, checked as {@link #compile} does. */
  static Tokens tokens(String format) {
    Tokens tokens = new Tokens(format);
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < n) {
        tokens.literal(format.charAt(++i));
        continue;
      }
      if (c != '$') {
        tokens.literal(c);
        continue;
      }
      int column = i + 1;
      boolean braced = i + 1 < n && format.charAt(i + 1) == '{';
      int start = braced ? i + 2 : i + 1;
      int j = start;
      while (j < n && isNameChar(format.charAt(j))) {
        j++;
      }
      if (j == start || (braced && (j >= n || format.charAt(j) != '}'))) {
        throw new FormatException(
            "bad variable " + format.substring(i, Math.min(n, j + 1)), format, column);
      }
      String name = format.substring(start, j);
      FieldKind kind = kindOf(name);
      if (kind == null) {
        throw new FormatException("unknown variable $" + name, format, column);
      }
      tokens.field(kind, null, "$" + name, column);
      i = braced ? j : j - 1;
    }
    tokens.fields();
    return tokens;
  }

  /** The field of variable {@code name}, or null if nginx has no such variable we know of. */
  static FieldKind kindOf(String name) {
    FieldKind k = VARIABLES.get(name);
    if (k != null) {
      return k;
    }
    for (String family : SKIPPED_FAMILIES) {
      if (name.startsWith(family) && name.length() > family.length()) {
        return FieldKind.IGNORE;
      }
    }
    return null;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
