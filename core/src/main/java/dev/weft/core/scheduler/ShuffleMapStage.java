package dev.weft.core.scheduler;

import dev.weft.core.plan.ShuffleDependency;
import java.util.List;
import java.util.stream.IntStream;

/** A stage that writes the map side of a shuffle; shared by every job that reads the shuffle. */
final class ShuffleMapStage extends Stage {
  final ShuffleDependency<?, ?, ?> dependency;
  private final MapOutputTracker tracker;

  ShuffleMapStage(
      int id,
      ShuffleDependency<?, ?, ?> dependency,
      List<Stage> parents,
      int firstJobId,
      MapOutputTracker tracker) {
    super(id, dependency.parent(), parents, firstJobId);
    this.dependency = dependency;
    this.tracker = tracker;
  }

  /**
   * Whether a map task run again may write other records than before (see {@link
   * dev.weft.core.plan.Determinism#INDETERMINATE}): then only a run of every map task gives a
   * consistent output.
   */
  boolean isIndeterminate() {
    return node.determinism() == dev.weft.core.plan.Determinism.INDETERMINATE;
  }

  boolean isAvailable() {
    return tracker.availableOutputs(dependency.shuffleId()) == dependency.numMaps();
  }

  @Override
  int[] missingPartitions() {
    int shuffleId = dependency.shuffleId();
    return IntStream.range(0, dependency.numMaps())
        .filter(m -> !tracker.isAvailable(shuffleId, m))
        .toArray();
  }

  @Override
  int numTasks() {
    return dependency.numMaps();
  }
}
