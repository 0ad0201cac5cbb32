package dev.weft.core.plan;

import dev.weft.core.runtime.TaskContextImpl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Fewer partitions without a shuffle: each partition reads a contiguous group of parent partitions
 * in order.
 */
public final class CoalescedNode<T> extends PlanNode<T> {
  private final PlanNode<T> parent;
  private final int[][] groups;

  public CoalescedNode(int id, PlanNode<T> parent, int numPartitions) {
    super(id, "coalesce");
    this.parent = parent;
    int n = parent.numPartitions();
    int k = Math.max(1, Math.min(numPartitions, Math.max(n, 1)));
    this.groups = new int[k][];
    for (int g = 0; g < k; g++) {
      int from = (int) ((long) g * n / k);
      int to = (int) ((long) (g + 1) * n / k);
      groups[g] = new int[to - from];
      for (int j = from; j < to; j++) {
        groups[g][j - from] = j;
      }
    }
  }

  @Override
  public int numPartitions() {
    return groups.length;
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(new NarrowDependency.Groups(parent, groups));
  }

  @Override
  public List<TaskLocation> preferredLocations(int partition) {
    // The hosts that hold the most of this group's parents come first.
    List<TaskLocation> locs = new ArrayList<>();
    for (int p : groups[partition]) {
      for (TaskLocation l : parent.preferredLocations(p)) {
        if (!locs.contains(l)) {
          locs.add(l);
        }
      }
    }
    return locs.size() > 8 ? locs.subList(0, 8) : locs;
  }

  @Override
  protected Iterator<T> compute(int partition, TaskContextImpl context) {
    int[] group = groups[partition];
    if (group.length == 0) {
      return Collections.emptyIterator();
    }
    return new Iterator<>() {
      int next = 0;
      Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < group.length) {
          current = parent.iterator(group[next++], context);
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
