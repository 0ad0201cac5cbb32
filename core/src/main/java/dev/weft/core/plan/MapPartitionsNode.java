package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.core.runtime.TaskContextImpl;
import java.util.Iterator;
import java.util.List;

/**
 * A node computed partition by partition from one parent: map, filter, flatMap, mapPartitions and
 * the other narrow one-to-one transformations.
 */
public final class MapPartitionsNode<T, R> extends PlanNode<R> {
  private final PlanNode<T> parent;
  private final PartitionTransform<T, R> transform;
  private final boolean preservesPartitioning;
  private final boolean orderSensitive;

  /**
   * @param preservesPartitioning whether keys stay where the parent's partitioner put them (so the
   *     result keeps the parent's partitioner)
   */
  public MapPartitionsNode(
      int id,
      String operation,
      PlanNode<T> parent,
      PartitionTransform<T, R> transform,
      boolean preservesPartitioning) {
    this(id, operation, parent, transform, preservesPartitioning, false);
  }

  /**
   * @param orderSensitive whether the records produced depend on the order of the input (a
   *     round-robin spread, a sample), not only on the input's records
   */
  public MapPartitionsNode(
      int id,
      String operation,
      PlanNode<T> parent,
      PartitionTransform<T, R> transform,
      boolean preservesPartitioning,
      boolean orderSensitive) {
    super(id, operation);
    this.parent = parent;
    this.transform = transform;
    this.preservesPartitioning = preservesPartitioning;
    this.orderSensitive = orderSensitive;
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
  public Partitioner partitioner() {
    return preservesPartitioning ? parent.partitioner() : null;
  }

  @Override
  protected Determinism computeDeterminism() {
    Determinism input = parent.determinism();
    return orderSensitive ? input.whenOrderMatters() : input;
  }

  @Override
  protected Iterator<R> compute(int partition, TaskContextImpl context) {
    try {
      return transform.apply(context, partition, parent.iterator(partition, context));
    } catch (Exception e) {
      throw Unchecked.rethrow(e);
    }
  }
}
