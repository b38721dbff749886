package dev.logmon.filter;

/**
 * The compiled rules of a {@link FilterSet}, which decide per line whether it counts and, if not,
 * which rule left it out. Holds caches and matchers: one instance per thread.
 */
public final class Filters {
  /** What {@link #ruleOf} returns for a line that counts. */
  public static final int COUNTED = -1;

  private final LineTest[] leaveOut;

  Filters(LineTest[] leaveOut) {
    this.leaveOut = leaveOut;
  }

  /**
   * {@link #COUNTED} if the line counts, else the index (into {@link FilterSet#labels()}) of the
   * first rule that leaves it out.
   */
  public int ruleOf(LineFields line) {
    for (int r = 0; r < leaveOut.length; r++) {
      if (leaveOut[r].test(line)) {
        return r;
      }
    }
    return COUNTED;
  }
}
