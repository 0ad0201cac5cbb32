package dev.weft.core.runtime;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.plan.ShuffleDependency;
import java.io.Serializable;

/**
 * What every task of a stage runs, serialized once per stage attempt: the lineage up to the stage's
 * shuffle inputs, and either the shuffle it writes or the function of the action.
 */
public sealed interface StageBinary extends Serializable {

  /** Computes {@code partition} and returns the task's result. */
  Object run(TaskContextImpl context, int partition) throws Exception;

  /**
   * What a task deserializes: the stage's binary and the Avro schemas the driver knows, so that
   * records can carry schema fingerprints instead of schemas.
   */
  record Shipped(StageBinary stage, java.util.Map<Long, String> avroSchemas)
      implements java.io.Serializable {}

  /** A map stage: writes the node's partition into the shuffle's files. */
  record MapBinary<K, V, C>(
      PlanNode<? extends Tuple2<K, V>> node, ShuffleDependency<K, V, C> dependency)
      implements StageBinary {
    @Override
    public MapStatus run(TaskContextImpl context, int partition) {
      return context
          .runtime()
          .writeShuffle(dependency, partition, node.iterator(partition, context), context);
    }
  }

  /** A result stage: applies the action's function to the node's partition. */
  record ResultBinary<T, U>(PlanNode<T> node, TaskFunction<T, U> function) implements StageBinary {
    @Override
    public U run(TaskContextImpl context, int partition) throws Exception {
      return function.apply(context, node.iterator(partition, context));
    }
  }
}
