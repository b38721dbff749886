package dev.logmon.parse;

/**
 * The section of a request target: its path up to the second {@code /}, or a placeholder.
 *
 * <p>{@code /pages/create} is in section {@code /pages}; query and fragment are ignored, an
 * absolute URI ({@code http://host/pages/x}) counts by its path. Targets that have no path get a
 * parenthesised placeholder, which can never collide with a real section because real sections
 * start with {@code /}. Read over the target's bytes by {@link ByteSections}, as every section is.
 */
public final class Sections {
  /** Section of the asterisk-form target of {@code OPTIONS *} (and {@code PRI *}). */
  public static final String ASTERISK = "*";

  /** Section of an authority-form target, as sent with {@code CONNECT host:443}. */
  public static final String CONNECT = "(connect)";

  /** Section of a target that is neither a path, an absolute URI, {@code *} nor an authority. */
  public static final String INVALID = "(invalid)";

  /** Section of a hit whose request line was logged as {@code "-"} (nothing was received). */
  public static final String NO_REQUEST = "(none)";

  /** Section of a hit whose request line was logged as {@code ""} (an empty line was received). */
  public static final String EMPTY_REQUEST = "(empty)";

  private Sections() {}

  /** Returns the section of a request target; never throws, {@link #INVALID} for null. */
  public static String of(String target) {
    return of(target, 1);
  }

  /**
   * The section of a request target made of its first {@code depth} path segments ({@code
   * --section-depth}); an empty segment ends it. Never throws.
   */
  public static String of(String target, int depth) {
    if (target == null) {
      return INVALID;
    }
    int n = target.length();
    long range = ByteSections.of(ByteScan.latin1(target, 0, n), 0, n, depth);
    int start = (int) (range >> 32);
    return start < 0 ? ParsedLines.PLACEHOLDERS[-start - 1] : target.substring(start, (int) range);
  }

  /**
   * Returns the placeholder section of a request line that is not {@code METHOD TARGET PROTOCOL}:
   * {@link #NO_REQUEST} for {@code -}, {@link #EMPTY_REQUEST} for the empty string and {@link
   * #INVALID} otherwise (including null).
   */
  public static String ofMalformedRequest(String requestLine) {
    if (requestLine == null) {
      return INVALID;
    }
    return requestLine.isEmpty() ? EMPTY_REQUEST : requestLine.equals("-") ? NO_REQUEST : INVALID;
  }
}
