package dev.weft.core.scheduler;

import dev.weft.api.StorageLevel;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.BlockStatusListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's record of which executors hold which cached partitions, fed by executors' block
 * managers; the scheduler prefers those executors for tasks over cached partitions.
 *
 * <p>Not thread-safe: only the scheduling thread reads and writes it; block updates arriving on
 * other threads go through {@link SchedulerLoop#blockUpdated} and {@link
 * SchedulerLoop#nodeUnpersisted}.
 */
public final class CacheTracker implements BlockStatusListener {

  /** Where one block is on one executor. */
  public record BlockStatus(
      String executorId, String host, StorageLevel level, long memoryBytes, long diskBytes) {}

  private final Map<BlockId, Map<String, BlockStatus>> blocks = new HashMap<>();

  @Override
  public void blockUpdated(
      String executorId,
      String host,
      BlockId block,
      StorageLevel level,
      long memoryBytes,
      long diskBytes) {
    if (!level.isValid()) {
      blocks.computeIfPresent(
          block,
          (b, m) -> {
            m.remove(executorId);
            return m.isEmpty() ? null : m;
          });
    } else {
      blocks
          .computeIfAbsent(block, b -> new LinkedHashMap<>())
          .put(executorId, new BlockStatus(executorId, host, level, memoryBytes, diskBytes));
    }
  }

  /** The executors holding a block, as task locations. */
  public List<TaskLocation> locations(BlockId block) {
    Map<String, BlockStatus> m = blocks.get(block);
    List<TaskLocation> result = new ArrayList<>();
    if (m != null) {
      for (BlockStatus s : m.values()) {
        result.add(TaskLocation.executor(s.host(), s.executorId()));
      }
    }
    return result;
  }

  /** Every block of a plan node that some executor holds. */
  public Map<BlockId, List<BlockStatus>> blocksOf(int nodeId) {
    Map<BlockId, List<BlockStatus>> result =
        new java.util.TreeMap<>(java.util.Comparator.comparingInt(BlockId::partition));
    for (Map.Entry<BlockId, Map<String, BlockStatus>> e : blocks.entrySet()) {
      if (e.getKey().kind() == BlockId.Kind.NODE && e.getKey().id() == nodeId) {
        result.put(e.getKey(), new ArrayList<>(e.getValue().values()));
      }
    }
    return result;
  }

  /** The executors holding cached partitions (broadcast copies do not count). */
  public Set<String> executorsWithCachedPartitions() {
    Set<String> result = new HashSet<>();
    for (Map.Entry<BlockId, Map<String, BlockStatus>> e : blocks.entrySet()) {
      if (e.getKey().kind() == BlockId.Kind.NODE) {
        result.addAll(e.getValue().keySet());
      }
    }
    return result;
  }

  /** Forgets an executor's blocks (it is gone). */
  public void removeExecutor(String executorId) {
    for (BlockId b : new ArrayList<>(blocks.keySet())) {
      blockUpdated(executorId, null, b, StorageLevel.NONE, 0, 0);
    }
  }

  /** Forgets a node's blocks after unpersist. */
  public void removeNode(int nodeId) {
    blocks.keySet().removeIf(b -> b.kind() == BlockId.Kind.NODE && b.id() == nodeId);
  }
}
