package dev.logmon.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A Zipf distribution over the ranks {@code 0..n-1}: rank {@code k} is drawn with probability
 * proportional to {@code 1 / (k + 1)^exponent}, the long-tailed popularity of real web traffic.
 *
 * <p>Immutable and thread-safe; the caller supplies (and owns) the random generator.
 */
final class Zipf {
  private final double[] cumulative;

  Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cumulative[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= sum;
    }
  }

  /** Returns a rank in {@code 0..n-1}, low ranks most often. */
  int next(RandomGenerator random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    // binarySearch returns -(insertion point) - 1 when the draw falls between two entries.
    int rank = i >= 0 ? i : -i - 1;
    return Math.min(rank, cumulative.length - 1);
  }
}
