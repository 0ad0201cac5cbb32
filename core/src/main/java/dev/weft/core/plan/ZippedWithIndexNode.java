package dev.weft.core.plan;

import dev.weft.api.Tuple2;
import dev.weft.core.runtime.TaskContextImpl;
import java.util.Iterator;
import java.util.List;

/**
 * Pairs each record with its position in the dataset (partition order, then record order). The
 * start index of each partition comes from a count of the earlier partitions, run when the first
 * job over this node is prepared.
 */
public final class ZippedWithIndexNode<T> extends PlanNode<Tuple2<T, Long>> {
  private final PlanNode<T> parent;
  private long[] startIndices;

  public ZippedWithIndexNode(int id, PlanNode<T> parent) {
    super(id, "zipWithIndex");
    this.parent = parent;
  }

  @Override
  public int numPartitions() {
    return parent.numPartitions();
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(new NarrowDependency.OneToOne(parent));
  }

  @Override
  public List<TaskLocation> preferredLocations(int partition) {
    return parent.preferredLocations(partition);
  }

  /** Indexes follow the input's order, so an unordered input gives indeterminate pairs. */
  @Override
  protected Determinism computeDeterminism() {
    return parent.determinism().whenOrderMatters();
  }

  @Override
  public void prepare(JobPreparer preparer) {
    if (startIndices != null) {
      return;
    }
    List<Long> counts =
        preparer.run(
            parent,
            records -> {
              long n = 0;
              while (records.hasNext()) {
                records.next();
                n++;
              }
              return n;
            });
    long[] starts = new long[counts.size()];
    for (int i = 1; i < starts.length; i++) {
      starts[i] = starts[i - 1] + counts.get(i - 1);
    }
    startIndices = starts;
  }

  @Override
  protected Iterator<Tuple2<T, Long>> compute(int partition, TaskContextImpl context) {
    if (startIndices == null) {
      throw new IllegalStateException("zipWithIndex ran before its partition counts were taken");
    }
    Iterator<T> records = parent.iterator(partition, context);
    long start = startIndices[partition];
    return new Iterator<>() {
      long next = start;

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Tuple2<T, Long> next() {
        return new Tuple2<>(records.next(), next++);
      }
    };
  }
}
