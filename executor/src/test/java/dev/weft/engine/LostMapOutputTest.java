package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.api.CollectionAccumulator;
import dev.weft.api.PairDataset;
import dev.weft.api.TaskContext;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A lost map output is recomputed from lineage, and only that map partition. */
public class LostMapOutputTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftContext weft;
  private File localDir;

  @Before
  public void start() throws IOException {
    localDir = tmp.newFolder("local");
    weft =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.memory.reserved", "0")
                .set("weft.local.dirs", localDir.getPath()));
  }

  @After
  public void stop() {
    weft.stop();
  }

  @Test
  public void removingOneMapOutputFileRecomputesExactlyThatMapPartition() throws IOException {
    CollectionAccumulator<Integer> mapRuns = weft.collectionAccumulator("map partitions run");
    PairDataset<Long, Long> sums =
        weft.range(0, 1000, 1, 5)
            .mapToPair(
                x -> {
                  mapRuns.add(TaskContext.get().partitionId());
                  return new Tuple2<>(x % 7, x);
                })
            .reduceByKey(Long::sum, 3);
    Map<Long, Long> first = sums.collectAsMap();
    assertEquals(5, distinctRuns(mapRuns).size());
    int firstRuns = mapRuns.value().size();

    File lost = mapOutputFile(2);
    assertTrue(lost.delete());
    Map<Long, Long> second = sums.collectAsMap();

    assertEquals(first, second);
    List<Integer> rerun =
        new ArrayList<>(mapRuns.value().subList(firstRuns, mapRuns.value().size()));
    assertEquals("records recomputed, all from map partition 2", 200, rerun.size());
    assertEquals(List.of(2), distinctRuns(rerun));
  }

  @Test
  public void aNewJobReusesTheMapOutputsOfAnEarlierOne() {
    CollectionAccumulator<Integer> mapRuns = weft.collectionAccumulator("map partitions run");
    PairDataset<Long, Long> sums =
        weft.range(0, 100, 1, 4)
            .mapToPair(
                x -> {
                  mapRuns.add(TaskContext.get().partitionId());
                  return new Tuple2<>(x % 3, x);
                })
            .reduceByKey(Long::sum, 2);
    sums.count();
    int runs = mapRuns.value().size();

    sums.collect();

    assertEquals(runs, mapRuns.value().size());
  }

  private static List<Integer> distinctRuns(CollectionAccumulator<Integer> acc) {
    return distinctRuns(acc.value());
  }

  private static List<Integer> distinctRuns(List<Integer> runs) {
    List<Integer> d = new ArrayList<>(new java.util.TreeSet<>(runs));
    Collections.sort(d);
    return d;
  }

  private File mapOutputFile(int mapId) throws IOException {
    try (Stream<Path> files = Files.walk(localDir.toPath())) {
      return files
          .filter(p -> p.getFileName().toString().matches("shuffle_\\d+_" + mapId + "_\\d+\\.data"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no data file of map " + mapId))
          .toFile();
    }
  }
}
