package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The statistics of the report: medians, and ratios of alternated runs. */
public final class Stats {
  private Stats() {}

  /** The median of {@code values} (the mean of the middle two for an even count); NaN if empty. */
  public static double median(Collection<? extends Number> values) {
    double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * The median of the per-round ratios {@code a[i] / b[i]}. Rounds are pairs run back to back, so a
   * slow phase of the shared machine slows both sides of a pair; NaN marks a failed run, and rounds
   * with one are left out.
   *
   * @throws IllegalArgumentException when the lists differ in length
   */
  public static double pairwiseRatio(List<Double> a, List<Double> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          "pairwise ratio of " + a.size() + " rounds against " + b.size());
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      double x = a.get(i);
      double y = b.get(i);
      if (!Double.isNaN(x) && !Double.isNaN(y) && y > 0) {
        ratios.add(x / y);
      }
    }
    return median(ratios);
  }
}
