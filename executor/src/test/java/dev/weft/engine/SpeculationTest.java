package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.scheduler.TaskInfo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Speculation with real output: stragglers get copies that race them to commit, and every partition
 * is still written exactly once.
 */
public class SpeculationTest {
  /**
   * 100 as the issue asks; each trial writes and commits 100 files, which costs seconds of CPU on
   * Hadoop's local file system (a chmod process per file without Hadoop's native library), so
   * {@code -Dweft.test.speculationTrials=10} gives a quicker local run.
   */
  private static final int TRIALS = Integer.getInteger("weft.test.speculationTrials", 100);

  private static final int TASKS = 100;
  private static final int RECORDS_PER_TASK = 10;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftContext weft;
  private TaskLog log;

  @Before
  public void start() {
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[32]")
                .set("weft.memory.reserved", "0")
                .set("weft.speculation.enabled", "true")
                .set("weft.speculation.interval", "10ms")
                .set("weft.speculation.quantile", "0.5")
                .set("weft.speculation.multiplier", "1.5")
                .set("weft.speculation.minTaskRuntime", "20ms")
                .set("weft.faults.slowTask", stragglers()));
    log = TaskLog.of(weft);
  }

  /**
   * The first attempt of every fifth partition waits at its start, from 15 ms to 300 ms and one 2
   * s; the other tasks take a few milliseconds. A task is slow once it ran 20 ms (or 1.5 times the
   * median) and half of its stage succeeded: the shortest stragglers finish before a copy starts,
   * the middle ones race their copy to the commit, the longest lose to it and are killed.
   */
  private static String stragglers() {
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < TASKS / 5; i++) {
      int partition = i * 5;
      String delay = partition == TASKS - 5 ? "2s" : (15 * (i + 1)) + "ms";
      patterns.add("*:" + partition + ":0@" + delay);
    }
    return String.join(",", patterns);
  }

  @After
  public void stop() {
    weft.stop();
  }

  @Test
  public void withStragglersSpeculatedInEveryTrialEachPartitionIsWrittenExactlyOnce()
      throws IOException {
    int copies = 0;
    int copiesWon = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      File out = new File(tmp.getRoot(), "trial-" + trial);

      weft.range(0, TASKS * RECORDS_PER_TASK, 1, TASKS).saveAsTextFile(out.getPath());

      int stage = log.starts().stream().mapToInt(TaskInfo::stageId).max().orElseThrow();
      log.awaitAllEnded(stage); // a straggler that lost must not publish anything late either
      assertExactlyOnce(out, trial);
      List<TaskLog.End> wins = log.ends(e -> e.task().stageId() == stage && e.succeeded());
      assertEquals(
          "trial " + trial + ": one success per partition",
          TASKS,
          wins.stream().map(e -> e.task().partition()).distinct().count());
      assertEquals("trial " + trial, TASKS, wins.size());
      copies +=
          (int) log.starts().stream().filter(t -> t.stageId() == stage && t.speculative()).count();
      copiesWon += (int) wins.stream().filter(e -> e.task().speculative()).count();
    }
    System.out.printf(
        "SpeculationTest: %d trials of %d tasks: %d speculative copies, %d of them won%n",
        TRIALS, TASKS, copies, copiesWon);
    assertTrue("stragglers were speculated: " + copies, copies > 0);
    assertTrue("some copies beat their straggler: " + copiesWon, copiesWon > 0);
  }

  /** The part files are exactly those of every partition, each with its own records once. */
  private static void assertExactlyOnce(File out, int trial) throws IOException {
    Set<String> expected = new TreeSet<>();
    expected.add("_SUCCESS");
    for (int p = 0; p < TASKS; p++) {
      expected.add(String.format("part-%05d", p));
    }
    Set<String> visible = new TreeSet<>();
    for (String name : out.list()) {
      File f = new File(out, name);
      assertTrue("trial " + trial + ": a directory was left: " + f, f.isFile());
      if (name.startsWith(".")) {
        // The local file system's checksum files: only for files that are there.
        assertTrue(name, name.endsWith(".crc"));
        assertTrue(name, new File(out, name.substring(1, name.length() - 4)).isFile());
      } else {
        visible.add(name);
      }
    }
    assertEquals("trial " + trial + ": no part file missing, none extra", expected, visible);
    for (int p = 0; p < TASKS; p++) {
      List<String> lines =
          Files.readAllLines(new File(out, String.format("part-%05d", p)).toPath());
      List<String> want = new ArrayList<>();
      LongStream.range((long) p * RECORDS_PER_TASK, (long) (p + 1) * RECORDS_PER_TASK)
          .forEach(x -> want.add(Long.toString(x)));
      assertEquals("trial " + trial + ", partition " + p, want, lines);
    }
  }
}
