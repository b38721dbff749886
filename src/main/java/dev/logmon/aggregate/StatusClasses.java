package dev.logmon.aggregate;

/**
 * Hits per HTTP status class.
 *
 * @param other statuses outside 100..599
 */
public record StatusClasses(
    long informational,
    long success,
    long redirect,
    long clientError,
    long serverError,
    long other) {

  static StatusClasses of(long[] byClass) {
    return new StatusClasses(
        byClass[1], byClass[2], byClass[3], byClass[4], byClass[5], byClass[0]);
  }

  /** The total of all classes. */
  public long total() {
    return informational + success + redirect + clientError + serverError + other;
  }

  /** The share of 5xx responses among all, 0 when there were none. */
  public double serverErrorRate() {
    long t = total();
    return t == 0 ? 0 : (double) serverError / t;
  }

  /** The share of 4xx and 5xx responses among all, 0 when there were none. */
  public double errorRate() {
    long t = total();
    return t == 0 ? 0 : (double) (clientError + serverError) / t;
  }
}
