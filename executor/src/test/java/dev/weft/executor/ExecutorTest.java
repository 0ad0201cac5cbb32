package dev.weft.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.core.plan.RangeNode;
import dev.weft.core.runtime.FetchFailedException;
import dev.weft.core.runtime.MemoryReservation;
import dev.weft.core.runtime.SpillCallback;
import dev.weft.core.runtime.StageBinary;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.core.serial.JavaSerializer;
import dev.weft.core.serial.KryoSerializer;
import dev.weft.executor.memory.UnifiedMemoryManager;
import dev.weft.executor.shuffle.LocalBlockFetcher;
import dev.weft.executor.shuffle.ShuffleSettings;
import dev.weft.executor.storage.BlockManager;
import dev.weft.executor.storage.LocalDirs;
import dev.weft.spi.scheduler.TaskDescription;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How an executor reports the ends of the tasks it runs. */
public class ExecutorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final BlockingQueue<TaskEndReason> ends = new LinkedBlockingQueue<>();
  private Executor executor;
  private BlockManager blocks;
  private UnifiedMemoryManager memory;

  @Before
  public void start() throws IOException {
    KryoSerializer serializer = new KryoSerializer(true, false, List.of());
    memory = new UnifiedMemoryManager(8 << 20, 0.5);
    LocalDirs dirs = new LocalDirs(List.of(tmp.newFolder("local")));
    blocks =
        new BlockManager("e1", "localhost", memory, dirs, serializer, (e, h, b, l, m, d) -> {});
    ExecutorEnv env =
        new ExecutorEnv(
            "e1",
            "localhost",
            serializer,
            memory,
            blocks,
            dirs,
            shuffleId -> null,
            new LocalBlockFetcher(dirs),
            id -> null,
            ShuffleSettings.defaults(),
            getClass().getClassLoader(),
            (stage, partition, attempt) -> true);
    executor = new Executor(env, (taskId, reason) -> ends.add(reason));
  }

  @After
  public void stop() {
    executor.stop();
    blocks.close();
  }

  // Tasks reach test state only through statics: their functions are serialized.
  private static volatile CountDownLatch started;

  /** Waits until interrupted, then fails the way an interrupted shuffle read does. */
  private static final TaskFunction<Long, Long> READS_UNTIL_INTERRUPTED =
      (ctx, records) -> {
        started.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          throw new FetchFailedException(0, 0, 0, "e1", "localhost", "interrupted read", e);
        }
        return 0L;
      };

  private void launchAndKill(long taskId) throws InterruptedException {
    started = new CountDownLatch(1);
    executor.launch(task(taskId, READS_UNTIL_INTERRUPTED));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    executor.kill(taskId, "stage cancelled");
  }

  @Test
  public void aKilledTaskIsReportedKilledEvenWhenTheInterruptSurfacesAsAFetchFailure()
      throws Exception {
    launchAndKill(1);

    TaskEndReason end = ends.poll(10, TimeUnit.SECONDS);
    assertTrue(String.valueOf(end), end instanceof TaskEndReason.Killed);
    assertEquals("stage cancelled", ((TaskEndReason.Killed) end).reason());
  }

  @Test
  public void tasksAfterAKilledOneSucceedWithoutInheritingItsInterrupt() throws Exception {
    launchAndKill(1);
    assertTrue(ends.poll(10, TimeUnit.SECONDS) instanceof TaskEndReason.Killed);

    // The pool reuses the killed task's thread for at least one of these.
    for (long id = 2; id < 6; id++) {
      executor.launch(task(id, (ctx, records) -> sum(records)));
      TaskEndReason end = ends.poll(10, TimeUnit.SECONDS);
      assertTrue("task " + id + " ended as " + end, end instanceof TaskEndReason.Success);
    }
  }

  @Test
  public void anExceptionWhoseMessageThrowsStillEndsTheTask() throws Exception {
    TaskFunction<Long, Long> fails =
        (ctx, records) -> {
          throw new MessageThrows();
        };
    executor.launch(task(3, fails));

    TaskEndReason end = ends.poll(10, TimeUnit.SECONDS);

    assertTrue(
        "ended as " + (end == null ? null : end.getClass()),
        end instanceof TaskEndReason.ExceptionFailure);
    assertEquals(MessageThrows.class.getName(), ((TaskEndReason.ExceptionFailure) end).className());
  }

  /** An exception whose message cannot be read. */
  static final class MessageThrows extends IllegalStateException {
    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("no message for you");
    }
  }

  // The temporary file the last task created, and the memory it was granted.
  private static volatile File tempFile;
  private static volatile long granted;

  /** Takes memory and a temporary file, gives neither back, and fails when told to. */
  private static TaskFunction<Long, Long> holdsResources(boolean fail) {
    return (ctx, records) -> {
      MemoryReservation reservation = ctx.runtime().reserveMemory("Holder", SpillCallback.NONE);
      granted = reservation.acquire(4096);
      tempFile = ctx.runtime().createTempFile("spill_holder");
      Files.writeString(tempFile.toPath(), "spilled");
      if (fail) {
        throw new IllegalStateException("operator failed");
      }
      return sum(records);
    };
  }

  @Test
  public void operatorMemoryAndTemporaryFilesAreReleasedWhenTheTaskSucceeds() throws Exception {
    executor.launch(task(7, holdsResources(false)));

    assertTrue(ends.poll(10, TimeUnit.SECONDS) instanceof TaskEndReason.Success);
    assertEquals(4096, granted);
    assertEquals(0, memory.executionUsed());
    assertFalse(tempFile + " still exists", tempFile.exists());
  }

  @Test
  public void operatorMemoryAndTemporaryFilesAreReleasedWhenTheTaskFails() throws Exception {
    executor.launch(task(8, holdsResources(true)));

    assertTrue(ends.poll(10, TimeUnit.SECONDS) instanceof TaskEndReason.ExceptionFailure);
    assertEquals(0, memory.executionUsed());
    assertFalse(tempFile + " still exists", tempFile.exists());
  }

  private static long sum(Iterator<Long> records) {
    long s = 0;
    while (records.hasNext()) {
      s += records.next();
    }
    return s;
  }

  private static TaskDescription task(long taskId, TaskFunction<Long, Long> f) {
    byte[] binary =
        JavaSerializer.serialize(
            new StageBinary.Shipped(
                new StageBinary.ResultBinary<>(new RangeNode(0, 0, 10, 1, 1), f), Map.of()));
    return new TaskDescription(taskId, "e1", 0, 0, 0, 0, binary);
  }
}
