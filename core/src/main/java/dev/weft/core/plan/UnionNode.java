package dev.weft.core.plan;

import dev.weft.core.runtime.TaskContextImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The partitions of several parents one after another; no shuffle, duplicates kept. */
public final class UnionNode<T> extends PlanNode<T> {
  private final List<PlanNode<T>> parents;
  private final int[] offsets;

  public UnionNode(int id, List<PlanNode<T>> parents) {
    super(id, "union");
    this.parents = List.copyOf(parents);
    this.offsets = new int[parents.size() + 1];
    for (int i = 0; i < parents.size(); i++) {
      offsets[i + 1] = offsets[i] + parents.get(i).numPartitions();
    }
  }

  @Override
  public int numPartitions() {
    return offsets[parents.size()];
  }

  @Override
  public List<Dependency> dependencies() {
    List<Dependency> deps = new ArrayList<>();
    for (int i = 0; i < parents.size(); i++) {
      PlanNode<T> p = parents.get(i);
      deps.add(new NarrowDependency.Range(p, 0, offsets[i], p.numPartitions()));
    }
    return deps;
  }

  private int parentIndex(int partition) {
    int i = 0;
    while (offsets[i + 1] <= partition) {
      i++;
    }
    return i;
  }

  @Override
  public List<TaskLocation> preferredLocations(int partition) {
    int i = parentIndex(partition);
    return parents.get(i).preferredLocations(partition - offsets[i]);
  }

  @Override
  protected Iterator<T> compute(int partition, TaskContextImpl context) {
    int i = parentIndex(partition);
    return parents.get(i).iterator(partition - offsets[i], context);
  }
}
