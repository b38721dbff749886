package dev.logmon.parse.format;

import dev.logmon.parse.RowParser;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The named log formats of {@code --format}: a name, the format it stands for, and a factory.
 * Adding a preset is one line.
 *
 * <p>{@code common}, {@code combined} and {@code vhost_combined} share the built-in {@link
 * RowParser#clf()}, which tells the three shapes apart line by line; the others compile their
 * definition ({@code nginx} into a byte parser, the JSON and W3C ones into parsers of text).
 */
public enum Preset {
  COMMON("%h %l %u %t \"%r\" %>s %b", () -> RowParser.clf()),
  COMBINED("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"", () -> RowParser.clf()),
  VHOST_COMBINED(
      "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"", () -> RowParser.clf()),
  NGINX(Definitions.NGINX, () -> NginxFormat.compile(Definitions.NGINX)),
  CADDY(Definitions.CADDY, () -> JsonFormat.of("caddy", Definitions.CADDY)),
  TRAEFIK(Definitions.TRAEFIK, () -> JsonFormat.of("traefik", Definitions.TRAEFIK)),
  W3C("#Fields: " + W3cFormat.IIS_DEFAULT, W3cFormat::new);

  private final String definition;
  private final Supplier<RowParser> factory;

  Preset(String definition, Supplier<RowParser> factory) {
    this.definition = definition;
    this.factory = factory;
  }

  /** The name given to {@code --format}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format this preset stands for, in its own syntax (for help and errors). */
  public String definition() {
    return definition;
  }

  /** A new parser for this format. */
  public RowParser parser() {
    return factory.get();
  }

  /** The preset called {@code name} (case-insensitive). */
  public static Optional<Preset> named(String name) {
    return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(name)).findFirst();
  }

  /** The preset names, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(Preset::label).collect(Collectors.joining(", "));
  }

  /** The definitions too long to write inline. */
  private static final class Definitions {
    static final String NGINX =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
            + " \"$http_referer\" \"$http_user_agent\"";
    static final String CADDY =
        "time=ts,host=request.client_ip|request.remote_ip,method=request.method,"
            + "uri=request.uri,vhost=request.host,status=status,bytes=size,duration_s=duration,"
            + "agent=request.headers.User-Agent,referer=request.headers.Referer,user=user_id";
    static final String TRAEFIK =
        "time=StartUTC|StartLocal|time,host=ClientHost,user=ClientUsername,"
            + "method=RequestMethod,uri=RequestPath,vhost=RequestHost,"
            + "status=DownstreamStatus|OriginStatus,bytes=DownstreamContentSize,"
            + "duration_ns=Duration,agent=request_User-Agent,referer=request_Referer";
  }
}
