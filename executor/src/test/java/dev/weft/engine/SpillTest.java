package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.PairDataset;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Shuffles of data ten times larger than the executor's memory budget finish with exact results by
 * spilling, and leave no spill files behind.
 */
public class SpillTest {
  /** (2m - 0 reserved) x 0.5 = a 1 MiB unified memory budget. */
  private static final long BUDGET = 1L << 20;

  private static final int RECORDS = 600_000;
  private static final int KEYS = 150_000;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftContext weft;
  private File localDir;
  private final AtomicLong spills = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();
  private final AtomicLong shuffleBytes = new AtomicLong();

  @Before
  public void start() throws IOException {
    localDir = tmp.newFolder("local");
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.executor.memory", "2m")
                .set("weft.memory.reserved", "0")
                .set("weft.memory.fraction", "0.5")
                .set("weft.local.dirs", localDir.getPath()));
    Internals.of(weft)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics m) {
                if (m != null) {
                  spills.addAndGet(m.spillCount);
                  spilledBytes.addAndGet(m.diskBytesSpilled);
                  shuffleBytes.addAndGet(m.shuffleWriteBytes);
                }
              }
            });
  }

  @After
  public void stop() {
    weft.stop();
  }

  private PairDataset<Integer, String> records() {
    return weft.range(0, RECORDS, 1, 4)
        .mapToPair(i -> new Tuple2<>((int) (i % KEYS), "value-" + i));
  }

  @Test
  public void groupByKeyOfTenTimesTheBudgetSpillsAndIsExact() throws Exception {
    Map<Integer, Integer> sizes =
        records()
            .groupByKey(3)
            .mapValues(
                vs -> {
                  int n = 0;
                  for (String v : vs) {
                    n++;
                  }
                  return n;
                })
            .collectAsMap();

    assertEquals(KEYS, sizes.size());
    for (int k = 0; k < KEYS; k++) {
      assertEquals("values of key " + k, RECORDS / KEYS, (int) sizes.get(k));
    }
    assertSpilledTenTimesTheBudgetAndCleanedUp();
  }

  @Test
  public void reduceByKeyWithMapSideCombineSpillsAndIsExact() throws Exception {
    Map<Integer, Long> sums =
        weft.range(0, RECORDS, 1, 4)
            .mapToPair(i -> new Tuple2<>((int) (i % KEYS), i))
            .reduceByKey(Long::sum, 3)
            .collectAsMap();

    assertEquals(KEYS, sums.size());
    for (int k = 0; k < KEYS; k++) {
      long expected = 0;
      for (long i = k; i < RECORDS; i += KEYS) {
        expected += i;
      }
      assertEquals("sum of key " + k, expected, (long) sums.get(k));
    }
    waitForEvents();
    assertTrue("spills: " + spills.get(), spills.get() > 0);
    assertNoSpillFilesLeft();
  }

  @Test
  public void sortByKeyOfTenTimesTheBudgetSpillsAndIsSorted() throws Exception {
    List<Tuple2<Integer, String>> sorted = records().sortByKey(true, 3).collect();

    assertEquals(RECORDS, sorted.size());
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue("order at " + i, sorted.get(i - 1)._1() <= sorted.get(i)._1());
    }
    assertSpilledTenTimesTheBudgetAndCleanedUp();
  }

  private void assertSpilledTenTimesTheBudgetAndCleanedUp() throws Exception {
    waitForEvents();
    assertTrue(
        "the shuffle must be at least 10x the budget, was " + shuffleBytes.get(),
        shuffleBytes.get() >= 10 * BUDGET);
    assertTrue("spills: " + spills.get(), spills.get() > 0);
    assertTrue("spilled bytes: " + spilledBytes.get(), spilledBytes.get() > 0);
    assertNoSpillFilesLeft();
  }

  private void waitForEvents() throws InterruptedException {
    assertTrue(Internals.of(weft).listenerBus().waitUntilEmpty(Duration.ofSeconds(10)));
  }

  private void assertNoSpillFilesLeft() throws IOException {
    try (Stream<Path> files = Files.walk(localDir.toPath())) {
      List<String> spillFiles =
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spill")).toList();
      assertEquals("spill files left behind", List.of(), spillFiles);
    }
  }
}
