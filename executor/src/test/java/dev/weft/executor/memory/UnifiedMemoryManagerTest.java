package dev.weft.executor.memory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.core.runtime.BlockId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.Test;

public class UnifiedMemoryManagerTest {
  private static final BlockId BLOCK = BlockId.node(1, 0);

  /** Frees storage on demand, as a memory store full of evictable blocks would. */
  private static final class FakeEvictor implements StorageEvictor {
    private final UnifiedMemoryManager memory;
    long asked;

    FakeEvictor(UnifiedMemoryManager memory) {
      this.memory = memory;
      memory.setEvictor(this);
    }

    @Override
    public long evict(long bytes, BlockId requester) {
      asked += bytes;
      memory.releaseStorage(bytes);
      return bytes;
    }
  }

  @Test
  public void executionEvictsStorageOnlyAboveTheStorageRegion() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.5);
    FakeEvictor evictor = new FakeEvictor(memory);
    assertTrue(memory.acquireStorage(800, BLOCK));

    long granted = memory.acquireExecution(1000, 1);

    assertEquals(300, evictor.asked);
    assertEquals(500, memory.storageUsed());
    assertEquals(500, granted);
  }

  @Test
  public void storageBorrowsFreeExecutionMemory() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.3);

    assertTrue(memory.acquireStorage(900, BLOCK));
    assertEquals(900, memory.storageUsed());
  }

  @Test
  public void storageNeverTakesExecutionMemoryInUse() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.5);
    new FakeEvictor(memory);
    assertEquals(800, memory.acquireExecution(800, 1));

    assertFalse(memory.acquireStorage(300, BLOCK));
    assertEquals(800, memory.executionUsed());
  }

  @Test
  public void secondTaskArrivalLimitsTheFirstToHalf() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0);
    assertEquals(400, memory.acquireExecution(400, 1));
    assertEquals(100, memory.acquireExecution(100, 2));

    assertEquals(100, memory.acquireExecution(400, 1));
    assertEquals(500, memory.executionUsed(1));
  }

  @Test
  public void releaseWakesATaskWaitingForItsMinimumShare() throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0);
    assertEquals(1000, memory.acquireExecution(1000, 1));
    CompletableFuture<Long> second = new CompletableFuture<>();
    Thread waiter = new Thread(() -> second.complete(memory.acquireExecution(300, 2)));
    waiter.start();
    awaitState(waiter, Thread.State.WAITING);
    assertFalse(second.isDone());

    memory.releaseExecution(500, 1);

    assertEquals(300L, (long) second.get(10, TimeUnit.SECONDS));
  }

  @Test
  public void taskBelowItsMinimumGetsTheShortGrantAtOnceWhenOnlyStorageHoldsTheRest()
      throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1_000_000, 0.5);
    // An unroll reservation: storage above the storage region that eviction cannot free.
    assertTrue(memory.acquireStorage(800_000, BLOCK));

    CompletableFuture<Long> total =
        inDaemonThread(
            () -> {
              long sum = 0;
              long got;
              do {
                got = memory.acquireExecution(16 * 1024, 1);
                sum += got;
              } while (got == 16 * 1024);
              return sum;
            });

    assertEquals(200_000L, (long) total.get(10, TimeUnit.SECONDS));
  }

  @Test
  public void twoTasksBelowTheirMinimumDoNotWaitForEachOther() throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1_000_000, 0.5);
    assertEquals(50_000, memory.acquireExecution(50_000, 1));
    assertEquals(50_000, memory.acquireExecution(50_000, 2));
    assertTrue(memory.acquireStorage(900_000, BLOCK)); // unroll reservations fill the rest

    // Each task, given a short grant, fails (or spills) and so releases what it held.
    CompletableFuture<Long> first = inDaemonThread(() -> askThenEnd(memory, 1));
    CompletableFuture<Long> second = inDaemonThread(() -> askThenEnd(memory, 2));

    // One gets nothing at once; the other may wait for that one's release and then be granted.
    long granted = first.get(10, TimeUnit.SECONDS) + second.get(10, TimeUnit.SECONDS);
    assertTrue("granted " + granted, granted <= 16 * 1024);
    assertEquals(0, memory.executionUsed());
  }

  private static long askThenEnd(UnifiedMemoryManager memory, long taskId) {
    long got = memory.acquireExecution(16 * 1024, taskId);
    memory.releaseAllExecution(taskId);
    return got;
  }

  /** Runs {@code work} on a daemon thread, so a hang fails the test instead of stalling the JVM. */
  private static <T> CompletableFuture<T> inDaemonThread(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(work.get());
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return result;
  }

  @Test
  public void finishedTaskReturnsAllItHeld() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1000, 0.5);
    memory.acquireExecution(300, 7);

    assertEquals(300, memory.releaseAllExecution(7));
    assertEquals(0, memory.executionUsed());
  }

  static void awaitState(Thread t, Thread.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != state) {
      if (System.nanoTime() > deadline) {
        fail("thread " + t.getName() + " never reached " + state + ", is " + t.getState());
      }
      Thread.onSpinWait();
    }
  }
}
