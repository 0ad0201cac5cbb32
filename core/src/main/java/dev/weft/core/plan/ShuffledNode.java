package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.runtime.TaskContextImpl;
import java.util.Iterator;
import java.util.List;

/** The reduce side of a shuffle: each partition is one reduce partition of the dependency. */
public final class ShuffledNode<K, V, C> extends PlanNode<Tuple2<K, C>> {
  private final ShuffleDependency<K, V, C> dependency;

  public ShuffledNode(int id, String operation, ShuffleDependency<K, V, C> dependency) {
    super(id, operation);
    this.dependency = dependency;
  }

  @Override
  public int numPartitions() {
    return dependency.numReduces();
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(dependency);
  }

  @Override
  public Partitioner partitioner() {
    return dependency.partitioner();
  }

  @Override
  public void prepare(JobPreparer preparer) {
    if (dependency.partitioner() instanceof RangePartitioner<?> range) {
      range.prepare(preparer, dependency.parent());
    }
  }

  @Override
  protected Iterator<Tuple2<K, C>> compute(int partition, TaskContextImpl context) {
    return context.runtime().readShuffle(dependency, partition, context);
  }
}
