package dev.logmon.filter;

/**
 * A filter expression that does not parse or does not make sense (an unknown field, an operator the
 * field does not take), with the column where the problem is. The only exception the parser throws.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int EXCERPT = 100;
  private final String reason;
  private final int column;

  /**
   * @param reason what is wrong, e.g. {@code expected a value}
   * @param column where, 1-based, in {@code expression}
   * @param expression the whole expression as given
   */
  public FilterSyntaxException(String reason, int column, String expression) {
    super(reason + " at column " + column + ": " + excerpt(expression, column));
    this.reason = reason;
    this.column = column;
  }

  /**
   * The expression, or when it is long the {@value #EXCERPT} characters around the column, marked
   * with an ellipsis where cut, so that the message stays a readable line.
   */
  static String excerpt(String expression, int column) {
    if (expression.length() <= EXCERPT) {
      return expression;
    }
    int from = Math.max(0, Math.min(column - 1 - EXCERPT / 2, expression.length() - EXCERPT));
    int to = from + EXCERPT;
    return (from > 0 ? "…" : "")
        + expression.substring(from, to)
        + (to < expression.length() ? "…" : "");
  }

  /** What is wrong, without the column and expression. */
  public String reason() {
    return reason;
  }

  /** The 1-based column of the problem in the expression. */
  public int column() {
    return column;
  }
}
