package dev.weft.core.scheduler;

import static org.junit.Assert.assertEquals;

import dev.weft.api.StorageLevel;
import dev.weft.core.config.WeftConfig;
import dev.weft.core.plan.TaskLocation;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.spi.scheduler.SchedulerBackend;
import dev.weft.spi.scheduler.SchedulerCallbacks;
import dev.weft.spi.scheduler.TaskDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Block updates arrive on RPC and executor threads while the scheduler reads the cache tracker:
 * they go through the scheduling loop, so an update racing with another executor's removal of the
 * same block never loses a location.
 */
public class CacheTrackerRoutingTest {
  private static final int BLOCKS = 20_000;

  private final ListenerBus bus = new ListenerBus();
  private SchedulerLoop loop;

  @Before
  public void start() {
    loop =
        new SchedulerLoop(
            WeftConfig.of(Map.of("weft.master", "local[1]")),
            new IdleBackend(),
            new MapOutputTracker(),
            new CacheTracker(),
            new AccumulatorRegistry(),
            new KryoSerializer(true, false, List.of()),
            bus,
            new OutputCommitCoordinator(),
            System::currentTimeMillis);
    loop.start();
  }

  @After
  public void stop() {
    loop.stop("test over");
    bus.stop();
  }

  @Test
  public void aBlockCachedWhileAnotherExecutorDropsItsCopyKeepsItsLocation() throws Exception {
    // e2 caches and drops every block while e1 caches each of them, from two threads at once:
    // e2's removal of the last copy used to unlink the block's map just as e1 was putting into it.
    CyclicBarrier go = new CyclicBarrier(2);
    Thread e2 =
        new Thread(
            () -> {
              await(go);
              for (int i = 0; i < BLOCKS; i++) {
                loop.blockUpdated("e2", "hostB", block(i), StorageLevel.MEMORY_ONLY, 8, 0);
                loop.blockUpdated("e2", "hostB", block(i), StorageLevel.NONE, 0, 0);
              }
            });
    e2.start();
    await(go);
    for (int i = 0; i < BLOCKS; i++) {
      loop.blockUpdated("e1", "hostA", block(i), StorageLevel.MEMORY_ONLY, 8, 0);
    }
    e2.join();

    List<Integer> lost = new ArrayList<>();
    for (int i = 0; i < BLOCKS; i++) {
      if (!loop.cachedLocations(block(i))
          .get()
          .equals(List.of(TaskLocation.executor("hostA", "e1")))) {
        lost.add(i);
      }
    }
    assertEquals("blocks whose location on e1 was lost", List.of(), lost);
  }

  @Test
  public void anUnpersistedNodeHasNoCachedLocationsLeft() throws Exception {
    loop.blockUpdated("e1", "hostA", block(0), StorageLevel.MEMORY_ONLY, 8, 0);
    loop.blockUpdated("e1", "hostA", BlockId.node(8, 0), StorageLevel.MEMORY_ONLY, 8, 0);

    loop.nodeUnpersisted(7);

    assertEquals(List.of(), loop.cachedLocations(block(0)).get());
    assertEquals(
        List.of(TaskLocation.executor("hostA", "e1")),
        loop.cachedLocations(BlockId.node(8, 0)).get());
  }

  private static BlockId block(int partition) {
    return BlockId.node(7, partition);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final class IdleBackend implements SchedulerBackend {
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
      return 1;
    }

    @Override
    public String applicationId() {
      return "test";
    }

    @Override
    public void stop() {}
  }
}
