package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.TaskContextImpl;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * A node of the lineage graph: a partitioned, immutable, lazily computed collection. Each partition
 * is computed from the partitions of the parents named by {@link #dependencies()}, so a lost
 * partition can always be recomputed. Nodes are serialized into tasks.
 *
 * @param <T> the record type
 */
public abstract class PlanNode<T> implements Serializable {
  private final int id;
  private final String operation;
  private volatile StorageLevel storageLevel = StorageLevel.NONE;
  private transient volatile Determinism determinism;
  // Only the driver names stages, so the call site does not travel with tasks.
  private transient volatile String callSite = CallSite.location();
  private transient volatile String displayName;

  /**
   * @param id unique within the context
   * @param operation the API call that made this node, for plans and the UI (e.g. {@code map})
   */
  protected PlanNode(int id, String operation) {
    this.id = id;
    this.operation = operation;
  }

  public final int id() {
    return id;
  }

  public final String operation() {
    return operation;
  }

  /**
   * The user's line this node was made from ({@code WordCount.java:33}), found on the stack when it
   * was made ({@link CallSite}); null when unknown, e.g. on an executor.
   */
  public final String callSite() {
    return callSite;
  }

  /**
   * Names the user's line this node stands for, when the stack at its creation does not show it: an
   * API layer that builds nodes later than the user's call (a query planned at its action) passes
   * the location it recorded at the call.
   */
  public final void setCallSite(String callSite) {
    this.callSite = callSite;
  }

  /**
   * What the stages that end at this node are called before {@code at <call site>}: by default its
   * {@link #operation()}; an API layer that builds several nodes per operator of its own (the
   * structured layer) names them after its operators, e.g. {@code Scan parquet -> Filter ->
   * HashAggregate(partial)}.
   */
  public final String displayName() {
    String name = displayName;
    return name != null ? name : operation;
  }

  /** Names this node for the stages that end at it; null restores {@link #operation()}. */
  public final void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public abstract int numPartitions();

  /** The parents; a source node has none. */
  public abstract List<Dependency> dependencies();

  /** Computes one partition from the parents, without looking at the cache. */
  protected abstract Iterator<T> compute(int partition, TaskContextImpl context);

  /** Where computing this partition would be cheapest (e.g. the hosts of its HDFS block). */
  public List<TaskLocation> preferredLocations(int partition) {
    return List.of();
  }

  /** The partitioner the records are laid out by, or null when they are not. */
  public Partitioner partitioner() {
    return null;
  }

  /**
   * How repeatable this node's output is when a partition is computed again. The driver asks it to
   * decide how much to recompute after a lost map output; inside a task, where the lineage above a
   * shuffle is absent, it is not available.
   */
  public final Determinism determinism() {
    Determinism d = determinism;
    if (d == null) {
      d = computeDeterminism();
      determinism = d;
    }
    return d;
  }

  /**
   * The least repeatable of this node's inputs: a narrow parent's own level, and for a shuffle what
   * its reduce side reads ({@link ShuffleDependency#readDeterminism}); {@link Determinism#ORDERED}
   * for a source. A node whose output depends on the order of its input overrides this.
   */
  protected Determinism computeDeterminism() {
    Determinism d = Determinism.ORDERED;
    for (Dependency dep : dependencies()) {
      d =
          d.worst(
              dep instanceof ShuffleDependency<?, ?, ?> s
                  ? s.readDeterminism()
                  : ((NarrowDependency) dep).parent().determinism());
    }
    return d;
  }

  /**
   * Work to do on the driver before a job over this node is planned, e.g. sampling range bounds.
   * Runs at action time so that transformations stay lazy; the default does nothing.
   */
  public void prepare(JobPreparer preparer) {}

  public final StorageLevel storageLevel() {
    return storageLevel;
  }

  public final void setStorageLevel(StorageLevel level) {
    this.storageLevel = level;
  }

  /** The records of a partition: read from the cache when persisted, else computed. */
  public final Iterator<T> iterator(int partition, TaskContextImpl context) {
    if (storageLevel.isValid()) {
      return context.runtime().getOrCompute(this, partition, storageLevel, context);
    }
    return computeChecked(partition, context);
  }

  /** Computes the partition; for the cache, which calls this on a miss. */
  public final Iterator<T> computeChecked(int partition, TaskContextImpl context) {
    return compute(partition, context);
  }

  @Override
  public String toString() {
    return operation + " [" + id + "]";
  }
}
