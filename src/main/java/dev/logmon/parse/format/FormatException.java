package dev.logmon.parse.format;

/** A format string that cannot be compiled, with the 1-based column of the offending token. */
public final class FormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int column;

  /** {@code problem at column N: format}. */
  public FormatException(String problem, String format, int column) {
    super(problem + " at column " + column + ": " + format);
    this.column = column;
  }

  /** The 1-based column in the format string where the problem starts. */
  public int column() {
    return column;
  }
}
