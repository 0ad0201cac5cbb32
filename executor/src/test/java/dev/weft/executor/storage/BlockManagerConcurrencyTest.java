package dev.weft.executor.storage;

import static dev.weft.executor.storage.MemoryStoreTest.strings;
import static dev.weft.executor.storage.MemoryStoreTest.toList;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.api.StorageLevel;
import dev.weft.core.runtime.BlockId;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BlockManagerConcurrencyTest {
  private static final BlockId BLOCK = BlockId.node(1, 0);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final AtomicInteger computed = new AtomicInteger();
  private final CountDownLatch firstIsComputing = new CountDownLatch(1);
  private final CountDownLatch finishComputing = new CountDownLatch(1);
  private BlockManager blocks;

  @Before
  public void setUp() throws Exception {
    blocks =
        new BlockManager(
            "exec-1",
            "host-a",
            new UnifiedMemoryManager(256 * 1024, 0.5),
            new LocalDirs(List.of(tmp.newFolder())),
            new KryoSerializer(false, false, List.of()),
            (executorId, host, block, level, memoryBytes, diskBytes) -> {},
            Runnable::run);
  }

  @After
  public void tearDown() {
    blocks.close();
  }

  /** A computation that holds the first caller until the test lets it go. */
  private Supplier<Iterator<String>> slow(List<String> records) {
    return () -> {
      if (computed.incrementAndGet() == 1) {
        firstIsComputing.countDown();
        try {
          finishComputing.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return records.iterator();
    };
  }

  @Test
  public void twoTasksAskingForTheSameMissingBlockComputeItOnce() throws Exception {
    List<String> records = strings(100);

    List<List<String>> results = raceTwoTasks(StorageLevel.MEMORY_ONLY, records);

    assertEquals(List.of(records, records), results);
    assertEquals(1, computed.get());
  }

  @Test
  public void waitingTaskComputesItselfWhenTheFirstCouldNotCache() throws Exception {
    List<String> records = strings(20_000); // larger than the budget

    List<List<String>> results = raceTwoTasks(StorageLevel.MEMORY_ONLY, records);

    assertEquals(List.of(records, records), results);
    assertEquals(2, computed.get());
  }

  private List<List<String>> raceTwoTasks(StorageLevel level, List<String> records)
      throws Exception {
    CompletableFuture<List<String>> first = new CompletableFuture<>();
    CompletableFuture<List<String>> second = new CompletableFuture<>();
    Thread firstTask = task(first, level, records);
    firstTask.start();
    assertTrue(firstIsComputing.await(10, TimeUnit.SECONDS));
    Thread secondTask = task(second, level, records);
    secondTask.start();
    awaitWaiting(secondTask);

    finishComputing.countDown();

    return List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
  }

  private Thread task(
      CompletableFuture<List<String>> result, StorageLevel level, List<String> records) {
    return new Thread(
        () -> {
          try {
            result.complete(toList(blocks.getOrCompute(BLOCK, level, slow(records))));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }

  /**
   * Waits until {@code t} is parked inside the block manager's wait for another task's computation
   * of the block, not merely WAITING somewhere (class loading, a lock inside the computation).
   */
  private static void awaitWaiting(Thread t) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!waitsForComputation(t)) {
      if (System.nanoTime() > deadline) {
        fail(
            "second task never waited for the first, state "
                + t.getState()
                + " at "
                + Arrays.toString(t.getStackTrace()));
      }
      Thread.onSpinWait();
    }
  }

  /** Whether one snapshot of the stack shows {@code t} parked under the computation's await. */
  private static boolean waitsForComputation(Thread t) {
    StackTraceElement[] stack = t.getStackTrace();
    if (stack.length == 0 || !stack[0].getMethodName().equals("park")) {
      return false;
    }
    String computation = BlockManager.class.getName() + "$Computation";
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals(computation) && frame.getMethodName().equals("await")) {
        return true;
      }
      if (frame.getClassName().equals(BlockManager.class.getName())) {
        return false; // parked somewhere else in the block manager
      }
    }
    return false;
  }
}
