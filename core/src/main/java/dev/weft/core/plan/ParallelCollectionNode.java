package dev.weft.core.plan;

import dev.weft.core.runtime.TaskContextImpl;
import dev.weft.core.serial.KryoSerializer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A driver-side collection cut into slices. Each slice is kept serialized, so a task decodes only
 * its own slice; the stage binary still carries every slice, so very large collections belong in
 * files, not in {@code parallelize}.
 */
public final class ParallelCollectionNode<T> extends PlanNode<T> {
  private final byte[][] slices;

  public ParallelCollectionNode(int id, List<T> data, int numSlices, KryoSerializer serializer) {
    super(id, "parallelize");
    if (numSlices < 1) {
      throw new IllegalArgumentException(
          "Number of partitions must be at least 1, got " + numSlices);
    }
    this.slices = new byte[numSlices][];
    int n = data.size();
    for (int i = 0; i < numSlices; i++) {
      int from = (int) ((long) i * n / numSlices);
      int to = (int) ((long) (i + 1) * n / numSlices);
      slices[i] = serializer.serialize(new ArrayList<>(data.subList(from, to)));
    }
  }

  @Override
  public int numPartitions() {
    return slices.length;
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }

  @Override
  protected Iterator<T> compute(int partition, TaskContextImpl context) {
    List<T> slice = context.runtime().serializer().deserialize(slices[partition]);
    return slice.iterator();
  }
}
