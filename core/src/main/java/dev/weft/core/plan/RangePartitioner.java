package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import dev.weft.api.function.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Places keys into ranges of roughly equal size, for sorting: partition {@code i} holds keys no
 * greater than every key of partition {@code i+1} (in the given direction). The range bounds come
 * from a sample of the keys, taken by a small job when the first job over the sorted data runs (so
 * {@code sortByKey} itself stays lazy).
 */
public final class RangePartitioner<K> extends Partitioner {
  private static final int SAMPLES_PER_PARTITION = 20;
  private static final int MAX_SAMPLE = 1_000_000;

  private final int partitions;
  private final Comparator<? super K> ordering;
  private final boolean ascending;
  private Object[] bounds;

  /**
   * @param ordering a total order of the keys that accepts nulls
   */
  public RangePartitioner(int partitions, Comparator<? super K> ordering, boolean ascending) {
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Number of partitions must be at least 1, got " + partitions);
    }
    this.partitions = partitions;
    this.ordering = ordering;
    this.ascending = ascending;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  /** Samples the keys of {@code parent} to choose the bounds, once. */
  void prepare(JobPreparer preparer, PlanNode<? extends Tuple2<?, ?>> parent) {
    if (bounds != null) {
      return;
    }
    if (partitions == 1 || parent.numPartitions() == 0) {
      bounds = new Object[0];
      return;
    }
    int perPartition =
        (int)
            Math.ceil(
                3.0
                    * Math.min((long) SAMPLES_PER_PARTITION * partitions, MAX_SAMPLE)
                    / parent.numPartitions());
    @SuppressWarnings("unchecked")
    PlanNode<Tuple2<K, ?>> p = (PlanNode<Tuple2<K, ?>>) (PlanNode<?>) parent;
    List<Sample> samples = preparer.run(p, sampler(Math.max(perPartition, 1)));
    bounds = chooseBounds(samples);
  }

  /** A reservoir sample of one partition's keys, with the partition's record count. */
  private record Sample(long count, List<Object> keys) implements java.io.Serializable {}

  private static <K> Function<Iterator<Tuple2<K, ?>>, Sample> sampler(int size) {
    return records -> {
      List<Object> reservoir = new ArrayList<>(size);
      Random random = new Random(size);
      long n = 0;
      while (records.hasNext()) {
        Object key = records.next()._1();
        if (n < size) {
          reservoir.add(key);
        } else {
          long j = (long) (random.nextDouble() * (n + 1));
          if (j < size) {
            reservoir.set((int) j, key);
          }
        }
        n++;
      }
      return new Sample(n, reservoir);
    };
  }

  @SuppressWarnings("unchecked")
  private Object[] chooseBounds(List<Sample> samples) {
    // Each sampled key stands for count/sampleSize records of its partition.
    List<Object[]> weighted = new ArrayList<>();
    double total = 0;
    for (Sample s : samples) {
      if (s.keys().isEmpty()) {
        continue;
      }
      double weight = (double) s.count() / s.keys().size();
      for (Object k : s.keys()) {
        weighted.add(new Object[] {k, weight});
        total += weight;
      }
    }
    if (weighted.isEmpty()) {
      return new Object[0];
    }
    weighted.sort((a, b) -> ordering.compare((K) a[0], (K) b[0]));
    double step = total / partitions;
    List<Object> chosen = new ArrayList<>();
    double cumulative = 0;
    double target = step;
    Object previous = null;
    boolean hasPrevious = false;
    for (Object[] w : weighted) {
      cumulative += (double) w[1];
      if (cumulative >= target && chosen.size() < partitions - 1) {
        if (!hasPrevious || ordering.compare((K) w[0], (K) previous) > 0) {
          chosen.add(w[0]);
          previous = w[0];
          hasPrevious = true;
          target += step;
        }
      }
    }
    return chosen.toArray();
  }

  @Override
  @SuppressWarnings("unchecked")
  public int getPartition(Object key) {
    if (bounds == null) {
      throw new IllegalStateException("range bounds were not sampled before the shuffle ran");
    }
    int lo = 0;
    int hi = bounds.length;
    // The first bound that is >= key.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ordering.compare((K) bounds[mid], (K) key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return ascending ? lo : partitions - 1 - lo;
  }

  @Override
  public String toString() {
    return "RangePartitioner("
        + partitions
        + (bounds == null ? ", unsampled)" : ", " + Arrays.toString(bounds) + ")");
  }
}
