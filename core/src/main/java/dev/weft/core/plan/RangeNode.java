package dev.weft.core.plan;

import dev.weft.core.runtime.TaskContextImpl;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The numbers {@code start, start+step, ...} below {@code end} (above it for a negative step). */
public final class RangeNode extends PlanNode<Long> {
  private final long start;
  private final long step;
  private final long count;
  private final int numSlices;

  public RangeNode(int id, long start, long end, long step, int numSlices) {
    super(id, "range");
    if (step == 0) {
      throw new IllegalArgumentException("range step must not be 0");
    }
    if (numSlices < 1) {
      throw new IllegalArgumentException(
          "Number of partitions must be at least 1, got " + numSlices);
    }
    this.start = start;
    this.step = step;
    this.numSlices = numSlices;
    // Count in BigInteger-free long arithmetic, rounding up; empty when the range is reversed.
    long span = step > 0 ? end - start : start - end;
    long absStep = Math.abs(step);
    this.count = span <= 0 ? 0 : (span - 1) / absStep + 1;
  }

  @Override
  public int numPartitions() {
    return numSlices;
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  protected Iterator<Long> compute(int partition, TaskContextImpl context) {
    long from = (long) ((double) partition * count / numSlices);
    long to = (long) ((double) (partition + 1) * count / numSlices);
    if (partition == numSlices - 1) {
      to = count;
    }
    long first = from;
    long last = to;
    return new Iterator<>() {
      long i = first;

      @Override
      public boolean hasNext() {
        return i < last;
      }

      @Override
      public Long next() {
        if (i >= last) {
          throw new NoSuchElementException();
        }
        return start + step * i++;
      }
    };
  }
}
