package dev.logmon.filter;

/**
 * A view of one log line's fields, as a filter reads them.
 *
 * <p>The ingest path implements it over whatever it holds a line in (a parsed record, or a row in a
 * chunk, repositioned per line), so testing a line allocates nothing: text comes as a {@link
 * CharSequence} that may be a view over bytes, and a view that can hand out the same {@code String}
 * instance for the same key (an interned client, section or agent) makes the per-value caches of
 * {@link LineTest}s a reference compare. Only the fields a filter reads are asked for ({@link
 * Filters#fields()}).
 */
public interface LineFields {
  /** The client address as logged ({@code %h}): IPv4, IPv6 or a host name. */
  CharSequence ip();

  /** The HTTP status code. */
  int status();

  /** The request method, empty for a malformed request line. */
  CharSequence method();

  /** The request target's path, without query or fragment. */
  CharSequence path();

  /** The section the line is counted in (see {@code --section-depth}). */
  CharSequence section();

  /** The virtual host, or null when the format has none. */
  CharSequence vhost();

  /** The User-Agent header, or null when the format has none. */
  CharSequence agent();

  /** The Referer header, or null when the format has none. */
  CharSequence referrer();

  /** The response size in bytes. */
  long bytes();

  /** The time taken to serve the request in microseconds, or negative when the format has none. */
  long durationMicros();

  /** The text of {@code field}, one of the text fields, or null when the line has none. */
  default CharSequence text(Field field) {
    return switch (field) {
      case IP -> ip();
      case METHOD -> method();
      case PATH -> path();
      case SECTION -> section();
      case VHOST -> vhost();
      case AGENT -> agent();
      case REFERRER -> referrer();
      default -> throw new IllegalArgumentException(field + " is not a text field");
    };
  }
}
