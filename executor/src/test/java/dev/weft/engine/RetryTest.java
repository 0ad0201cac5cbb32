package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.JobFailedException;
import dev.weft.api.LongAccumulator;
import dev.weft.api.TaskContext;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Failed tasks are retried; a task that keeps failing fails its job with the task's message. */
public class RetryTest {
  private static WeftContext weft;

  @BeforeClass
  public static void start() {
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.memory.reserved", "0")
                .set("weft.task.maxFailures", "3"));
  }

  @AfterClass
  public static void stop() {
    weft.stop();
  }

  @Test
  public void aTaskThatFailsOnItsFirstAttemptSucceedsOnRetry() {
    long sum =
        weft.range(0, 100, 1, 4)
            .map(
                x -> {
                  if (TaskContext.get().attemptNumber() == 0 && x == 42) {
                    throw new IllegalStateException("transient failure");
                  }
                  return x;
                })
            .reduce(Long::sum);

    assertEquals(4950, sum);
  }

  @Test
  public void aTaskThatAlwaysFailsFailsTheJobAfterMaxFailuresWithItsMessage() {
    LongAccumulator attempts = weft.longAccumulator("attempts");
    JobFailedException e =
        assertThrows(
            JobFailedException.class,
            () ->
                weft.range(0, 10, 1, 2)
                    .foreachPartition(
                        it -> {
                          if (TaskContext.get().partitionId() == 1) {
                            attempts.add(1);
                            throw new IllegalArgumentException("bad record in partition 1");
                          }
                        }));

    assertTrue(e.getMessage(), e.getMessage().contains("bad record in partition 1"));
    assertTrue(e.getMessage(), e.getMessage().contains("failed 3 times"));
    assertTrue(e.getCause() instanceof IllegalArgumentException);
    // Failed attempts' accumulator updates are not merged: the driver saw none of the three.
    assertEquals(0, attempts.sum());
  }

  @Test
  public void theContextStaysUsableAfterAFailedJob() {
    assertThrows(
        JobFailedException.class,
        () ->
            weft.range(0, 10, 1, 2)
                .map(
                    x -> {
                      throw new RuntimeException("always");
                    })
                .count());

    assertEquals(10, weft.range(0, 10, 1, 2).count());
  }
}
