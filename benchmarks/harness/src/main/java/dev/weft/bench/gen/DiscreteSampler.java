package dev.weft.bench.gen;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent}
 * (Zipf-like), by binary search in the cumulative distribution.
 */
public final class DiscreteSampler {
  private final double[] cdf;

  /**
   * A sampler over {@code n} ranks.
   *
   * @param n number of ranks, at least 1
   * @param exponent the power-law exponent; 0 draws uniformly
   */
  public DiscreteSampler(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("a sampler needs at least one rank, got " + n);
    }
    cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    cdf[n - 1] = 1.0; // no rounding gap at the top
  }

  /** Draws a rank. */
  public int sample(SplittableRandom random) {
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    return i >= 0 ? i : -i - 1;
  }
}
