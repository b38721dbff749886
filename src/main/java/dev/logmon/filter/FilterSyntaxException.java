package dev.logmon.filter;

/**
 * A filter expression that does not parse or does not make sense (an unknown field, an operator the
 * field does not take), with the column where the problem is. The only exception the parser throws.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final int column;

  /**
   * @param reason what is wrong, e.g. {@code expected a value}
   * @param column where, 1-based, in {@code expression}
   * @param expression the whole expression as given
   */
  public FilterSyntaxException(String reason, int column, String expression) {
    super(reason + " at column " + column + ": " + expression);
    this.reason = reason;
    this.column = column;
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
