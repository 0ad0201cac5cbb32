package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.StorageLevel;
import dev.weft.core.config.ConfigException;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.runtime.MapStatus;
import dev.weft.spi.scheduler.ExecutorDescriptor;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;

/** What releasing an executor on purpose does to the driver's records. */
public class AllocationClusterTest {
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final CacheTracker cache = new CacheTracker();
  private final ScalingBackend backend = new ScalingBackend();
  private TaskScheduler tasks;
  private AllocationCluster cluster;

  @Before
  public void setUp() {
    DagScheduler dag =
        new DagScheduler(
            new DagScheduler.SchedulerContext(
                mapOutputs,
                cache,
                new AccumulatorRegistry(),
                null,
                null,
                () -> 0L,
                new OutputCommitCoordinator(),
                4,
                0,
                HostNames.parse(null),
                () -> {}));
    tasks = new TaskScheduler(backend, () -> 0L, new LocalityWaits(0, 0, 0), 4, 0, dag);
    dag.setTaskScheduler(tasks);
    cluster = new AllocationCluster(tasks, dag, cache, backend);
    tasks.executorAdded(new ExecutorDescriptor("e1", "hostA", null, 1));
    tasks.executorAdded(new ExecutorDescriptor("e2", "hostB", null, 1));
  }

  @Test
  public void aReleasedExecutorsServedMapOutputsStayAndItsCachedPartitionsGo() {
    mapOutputs.registerShuffle(0, 2);
    mapOutputs.registerMapOutput(0, new MapStatus("e1", "hostA", 7337, 0, 0, new long[] {8}));
    mapOutputs.registerMapOutput(0, new MapStatus("e2", "hostB", 7337, 1, 1, new long[] {8}));
    cache.blockUpdated("e1", "hostA", BlockId.node(3, 0), StorageLevel.MEMORY_ONLY, 10, 0);

    cluster.releaseExecutor("e1", "idle for 60000 ms");

    assertEquals(Set.of("e2"), cluster.executorIdleSince().keySet());
    assertTrue("served by hostA's shuffle service", mapOutputs.isAvailable(0, 0));
    assertTrue(mapOutputs.isAvailable(0, 1));
    assertEquals(Set.of(), cluster.executorsWithCachedBlocks());
    assertEquals(List.of("e1: idle for 60000 ms"), backend.released);
  }

  @Test
  public void outputsAnExecutorServedFromItsOwnFilesGoWithIt() {
    mapOutputs.registerShuffle(0, 1);
    mapOutputs.registerMapOutput(0, new MapStatus("e1", "hostA", 0, 0, 0, new long[] {8}));

    cluster.releaseExecutor("e1", "idle");

    assertFalse(mapOutputs.isAvailable(0, 0));
  }

  @Test
  public void targetsGoToTheBackend() {
    cluster.requestTotalExecutors(6);

    assertEquals(List.of(6), backend.targets);
  }

  @Test
  public void dynamicAllocationStartsFromTheBackendsInitialTarget() {
    backend.target = 3;
    WeftConfig config = WeftConfig.of(Map.of("weft.dynamicAllocation.enabled", "true"));

    ExecutorAllocationManager m = ExecutorAllocationManager.create(config, backend, cluster, 0);

    assertEquals(3, m.target());
  }

  @Test
  public void dynamicAllocationIsIgnoredByABackendWithFixedExecutors() {
    backend.scales = false;
    WeftConfig config = WeftConfig.of(Map.of("weft.dynamicAllocation.enabled", "true"));

    assertNull(ExecutorAllocationManager.create(config, backend, cluster, 0));
  }

  @Test
  public void dynamicAllocationIsOffByDefault() {
    assertNull(ExecutorAllocationManager.create(WeftConfig.of(Map.of()), backend, cluster, 0));
  }

  @Test
  public void settingsThatDoNotFitTogetherStopTheBackendAndAreRefused() {
    WeftConfig config =
        WeftConfig.of(
            Map.of(
                "weft.dynamicAllocation.enabled", "true",
                "weft.dynamicAllocation.minExecutors", "3",
                "weft.dynamicAllocation.maxExecutors", "2"));

    assertThrows(
        ConfigException.class, () -> ExecutorAllocationManager.create(config, backend, cluster, 0));
    assertTrue(backend.stopped);
  }

  private static final class ScalingBackend implements SchedulerBackend {
    final List<Integer> targets = new ArrayList<>();
    final List<String> released = new ArrayList<>();
    boolean scales = true;
    int target;
    boolean stopped;

    @Override
    public boolean supportsDynamicAllocation() {
      return scales;
    }

    @Override
    public int targetExecutors() {
      return target;
    }

    @Override
    public void requestTotalExecutors(int total) {
      targets.add(total);
    }

    @Override
    public void releaseExecutor(String executorId, String reason) {
      released.add(executorId + ": " + reason);
    }

    @Override
    public void start(SchedulerCallbacks callbacks) {}

    @Override
    public void launchTask(TaskDescription task) {}

    @Override
    public void killTask(String executorId, long taskId, String reason) {}

    @Override
    public void unpersist(int nodeId) {}

    @Override
    public void removeBroadcast(long broadcastId) {}

    @Override
    public int defaultParallelism() {
      return 2;
    }

    @Override
    public String applicationId() {
      return "test";
    }

    @Override
    public void stop() {
      stopped = true;
    }
  }
}
