package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.JobFailedException;
import dev.weft.api.LongAccumulator;
import dev.weft.api.PairDataset;
import dev.weft.api.TaskContext;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.runtime.FetchFailedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** How the scheduler contains failures: repeated fetch failures, results the driver cannot read. */
public class SchedulerFaultsTest {
  private WeftContext weft;

  @Before
  public void start() {
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.memory.reserved", "0")
                .set("weft.stage.maxConsecutiveAttempts", "3"));
  }

  @After
  public void stop() {
    weft.stop();
  }

  @Test
  public void aStageWhoseInputKeepsFailingToFetchAbortsAfterMaxConsecutiveAttempts() {
    LongAccumulator mapRuns = weft.longAccumulator("map tasks run");
    PairDataset<Long, Long> sums =
        weft.range(0, 100, 1, 2)
            .mapPartitions(
                it -> {
                  mapRuns.add(1);
                  return it;
                })
            .mapToPair(x -> new Tuple2<>(x % 5, x))
            .reduceByKey(Long::sum, 2);
    // Every reduce attempt claims map output 0 of shuffle 0 is unreadable.
    PairDataset<Long, Long> failing =
        sums.mapValues(
            v -> {
              throw new FetchFailedException(
                  0, 0, TaskContext.get().partitionId(), "driver", "localhost", "injected", null);
            });

    JobFailedException e = assertThrows(JobFailedException.class, failing::count);

    assertTrue(e.getMessage(), e.getMessage().contains("maximum allowed number of consecutive"));
    assertTrue(e.getMessage(), e.getMessage().contains("(3, weft.stage.maxConsecutiveAttempts)"));
    assertTrue(e.getMessage(), e.getMessage().contains("injected"));
    // Both maps ran once, then map 0 again before each of the two resubmitted attempts.
    assertEquals(4, mapRuns.sum());
  }

  /** Equal to another by a field Kryo does not send, so it cannot be rebuilt on the driver. */
  static final class Unreadable {
    final transient String name;

    Unreadable(String name) {
      this.name = name;
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unreadable u && u.name.equals(name);
    }
  }

  private static final CountDownLatch OTHER_JOB_MAY_FINISH = new CountDownLatch(1);

  @Test
  public void aResultTheDriverCannotReadFailsOnlyItsOwnJob() throws Exception {
    CompletableFuture<Long> otherJob =
        CompletableFuture.supplyAsync(
            () ->
                weft.range(0, 10, 1, 1)
                    .map(
                        x -> {
                          OTHER_JOB_MAY_FINISH.await(30, TimeUnit.SECONDS);
                          return x;
                        })
                    .count());

    JobFailedException e =
        assertThrows(
            JobFailedException.class,
            () ->
                weft.parallelize(List.of("a", "b"), 1)
                    .mapPartitions(
                        it -> {
                          Set<Unreadable> set = new HashSet<>();
                          it.forEachRemaining(s -> set.add(new Unreadable(s)));
                          return List.<Object>of(set).iterator();
                        })
                    .collect());
    OTHER_JOB_MAY_FINISH.countDown();

    assertTrue(e.getMessage(), e.getMessage().contains("could not be read on the driver"));
    assertEquals(10L, (long) otherJob.get(30, TimeUnit.SECONDS));
  }

  @Test
  public void lookupOnASortedDatasetWorksBeforeAnyOtherAction() {
    List<Tuple2<Integer, String>> pairs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pairs.add(new Tuple2<>(i % 10, "v" + i));
    }
    PairDataset<Integer, String> sorted = weft.parallelizePairs(pairs, 4).sortByKey(true, 3);

    List<String> values = sorted.lookup(7);

    assertEquals(10, values.size());
    assertTrue(values.contains("v97"));
  }
}
