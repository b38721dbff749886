package dev.logmon.parse;

/**
 * Turns one log line (without its line terminator) into a {@link ParseResult}.
 *
 * <p>Implementations are total: they never throw on any input, however malformed, and are
 * stateless so one instance may be shared by threads.
 */
public interface LineParser {
  ParseResult parse(String line);
}
