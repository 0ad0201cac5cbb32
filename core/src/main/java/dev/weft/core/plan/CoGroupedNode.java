package dev.weft.core.plan;

import dev.weft.api.Partitioner;
import dev.weft.api.Tuple2;
import dev.weft.core.runtime.TaskContextImpl;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups several pair datasets by key: each output record holds a key and, per parent, the list of
 * that parent's values for the key. Parents already partitioned like the output are read through
 * narrow dependencies; the others are shuffled. The basis of joins.
 */
public final class CoGroupedNode<K> extends PlanNode<Tuple2<K, List<List<Object>>>> {
  // No field holds the parents: a task must not carry the lineage above its shuffled parents. It
  // reads co-partitioned parents through their narrow dependencies.
  private final List<Dependency> dependencies;
  private final Partitioner partitioner;

  /**
   * @param shuffleIds a fresh shuffle id per parent (unused for co-partitioned parents)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public CoGroupedNode(
      int id,
      String operation,
      List<PlanNode<? extends Tuple2<K, ?>>> parents,
      Partitioner partitioner,
      int[] shuffleIds) {
    super(id, operation);
    this.partitioner = partitioner;
    List<Dependency> deps = new ArrayList<>();
    for (int i = 0; i < parents.size(); i++) {
      PlanNode<? extends Tuple2<K, ?>> p = parents.get(i);
      if (partitioner.equals(p.partitioner())) {
        deps.add(new NarrowDependency.OneToOne(p));
      } else {
        deps.add(new ShuffleDependency(shuffleIds[i], p, partitioner, null, false, null));
      }
    }
    this.dependencies = List.copyOf(deps);
  }

  @Override
  public int numPartitions() {
    return partitioner.numPartitions();
  }

  @Override
  public List<Dependency> dependencies() {
    return dependencies;
  }

  @Override
  public Partitioner partitioner() {
    return partitioner;
  }

  /** The per-parent value lists of one key while grouping; spillable with Kryo. */
  static final class Groups implements Serializable {
    final ArrayList<Object>[] lists;

    @SuppressWarnings("unchecked")
    Groups(int n) {
      lists = new ArrayList[n];
      for (int i = 0; i < n; i++) {
        lists[i] = new ArrayList<>();
      }
    }

    Groups add(Tuple2<Integer, Object> tagged) {
      lists[tagged._1()].add(tagged._2());
      return this;
    }

    Groups merge(Groups other) {
      for (int i = 0; i < lists.length; i++) {
        lists[i].addAll(other.lists[i]);
      }
      return this;
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected Iterator<Tuple2<K, List<List<Object>>>> compute(
      int partition, TaskContextImpl context) {
    int n = dependencies.size();
    List<Iterator<Tuple2<K, Object>>> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Dependency d = dependencies.get(i);
      Iterator<? extends Tuple2<K, ?>> records =
          d instanceof ShuffleDependency s
              ? context.runtime().readShuffle(s, partition, context)
              : ((PlanNode<? extends Tuple2<K, ?>>) ((NarrowDependency) d).parent())
                  .iterator(partition, context);
      inputs.add(tag(records, i));
    }
    Aggregator<K, Tuple2<Integer, Object>, Groups> aggregator =
        new Aggregator<>(v -> new Groups(n).add(v), (g, v) -> g.add(v), (a, b) -> a.merge(b));
    Iterator<Tuple2<K, Groups>> grouped =
        context.runtime().combineByKey(concat(inputs), aggregator, false, context);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return grouped.hasNext();
      }

      @Override
      public Tuple2<K, List<List<Object>>> next() {
        Tuple2<K, Groups> t = grouped.next();
        List<List<Object>> lists = new ArrayList<>(n);
        Collections.addAll(lists, t._2().lists);
        return new Tuple2<>(t._1(), lists);
      }
    };
  }

  private static <K> Iterator<Tuple2<K, Object>> tag(
      Iterator<? extends Tuple2<K, ?>> records, int index) {
    Integer tag = index;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Tuple2<K, Object> next() {
        Tuple2<K, ?> r = records.next();
        return new Tuple2<>(r._1(), new Tuple2<>(tag, r._2()));
      }
    };
  }

  private static <T> Iterator<T> concat(List<Iterator<T>> iterators) {
    return new Iterator<>() {
      int i = 0;

      @Override
      public boolean hasNext() {
        while (i < iterators.size() && !iterators.get(i).hasNext()) {
          i++;
        }
        return i < iterators.size();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return iterators.get(i).next();
      }
    };
  }
}
