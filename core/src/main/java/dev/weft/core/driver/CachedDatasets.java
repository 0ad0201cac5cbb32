package dev.weft.core.driver;

import dev.weft.api.StorageLevel;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import dev.weft.core.scheduler.CacheTracker;
import dev.weft.core.scheduler.ListenerBus;
import dev.weft.core.scheduler.SchedulerLoop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where cached partitions live ({@link CacheTracker}, for locality) and what the storage page
 * shows: a persisted dataset is announced once its first block is cached, and again when it is
 * unpersisted. Block updates come from the executors on any thread; they reach the tracker through
 * the scheduling loop, the only thread that touches it.
 */
final class CachedDatasets implements BlockStatusListener {
  private final CacheTracker tracker = new CacheTracker();
  private final ListenerBus bus;
  // Where block updates go to reach the tracker: the scheduling loop, which alone touches it.
  private volatile SchedulerLoop scheduler;
  // Persisted nodes, announced to the UI when their first block is cached.
  private final Map<Integer, PlanNode<?>> persisted = new ConcurrentHashMap<>();
  private final Set<Integer> announcedCached = ConcurrentHashMap.newKeySet();

  CachedDatasets(ListenerBus bus) {
    this.bus = bus;
  }

  CacheTracker tracker() {
    return tracker;
  }

  /** Routes block updates to {@code loop}, which owns {@link #tracker()}, from now on. */
  void attach(SchedulerLoop loop) {
    this.scheduler = loop;
  }

  @Override
  public void blockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes) {
    SchedulerLoop loop = scheduler;
    if (loop == null) {
      // No task ran yet, so no executor can hold a cached block.
      throw new IllegalStateException(
          "Block update for " + block + " before the scheduler started");
    }
    loop.blockUpdated(executorId, host, block, level, memoryBytes, diskBytes);
    if (block.kind() == BlockId.Kind.NODE
        && level.isValid()
        && announcedCached.add((int) block.id())) {
      PlanNode<?> node = persisted.get((int) block.id());
      if (node != null) {
        String name = node.operation() + " [" + node.id() + "]";
        int partitions = node.numPartitions();
        StorageLevel nodeLevel = node.storageLevel();
        bus.post(l -> l.onDatasetCached(node.id(), name, partitions, nodeLevel));
      }
    }
    bus.post(l -> l.onBlockUpdated(executorId, block, level, memoryBytes, diskBytes));
  }

  /** A dataset will be cached from the next action on (for the storage page). */
  void persisting(PlanNode<?> node) {
    persisted.put(node.id(), node);
  }

  /** Forgets the node's blocks; announces the unpersist if its caching was announced. */
  void unpersisted(PlanNode<?> node) {
    SchedulerLoop loop = scheduler;
    if (loop != null) {
      loop.nodeUnpersisted(node.id());
    }
    persisted.remove(node.id());
    if (announcedCached.remove(node.id())) {
      bus.post(l -> l.onDatasetUnpersisted(node.id()));
    }
  }
}
