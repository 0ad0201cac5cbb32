package dev.weft.executor.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.SaveMode;
import dev.weft.hdfs.output.TaskOutput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A driver restarted by its cluster manager (a second ApplicationMaster attempt) runs the program
 * again: output that the dead first attempt left uncommitted neither blocks nor survives it.
 */
public class DriverRestartTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private InProcessCluster cluster;

  @After
  public void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  public void aSecondAttemptReplacesWhatTheFirstAttemptsUnfinishedSaveLeftInTheDestination()
      throws Exception {
    File dest = new File(tmp.getRoot(), "out");
    // The first attempt's driver named its job <appId>-0, committed partition 0, was writing
    // partition 1, and died.
    OutputJob dead =
        new OutputJob(
            dest.toURI().toString(),
            InProcessCluster.APP_ID + "-0",
            SaveMode.ERROR_IF_EXISTS,
            Map.of());
    dead.setup();
    write(dead, 0, 3, "from the first attempt");
    assertTrue(dead.commitTask(0, 3));
    write(dead, 1, 4, "from the first attempt, uncommitted");
    cluster = new InProcessCluster(tmp.newFolder("cluster"), 2, 2, Map.of());

    List<Integer> numbers = IntStream.range(0, 300).boxed().toList();
    cluster.context.parallelize(numbers, 3).map(i -> "n" + i).saveAsTextFile(dest.toString());

    assertEquals(2, cluster.context.applicationAttempt());
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"), list(dest));
    List<String> lines = new ArrayList<>();
    for (String part : List.of("part-00000", "part-00001", "part-00002")) {
      lines.addAll(Files.readAllLines(new File(dest, part).toPath()));
    }
    assertEquals(numbers.stream().map(i -> "n" + i).toList(), lines);
  }

  @Test
  public void aSecondAttemptStillRefusesADestinationThatAnotherApplicationIsWriting()
      throws Exception {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob other =
        new OutputJob(
            dest.toURI().toString(), "application_1_0002-0", SaveMode.ERROR_IF_EXISTS, Map.of());
    other.setup();
    write(other, 0, 0, "another application's");
    cluster = new InProcessCluster(tmp.newFolder("cluster"), 1, 2, Map.of());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> cluster.context.parallelize(List.of(1, 2), 1).saveAsTextFile(dest.toString()));

    assertTrue(e.getMessage(), e.getMessage().startsWith("Output path already exists"));
    assertTrue(
        new File(dest, "_temporary/application_1_0002-0/attempt-00000-0/part-00000").isFile());
  }

  private static void write(OutputJob job, int partition, int attempt, String line)
      throws IOException {
    try (TaskOutput out = job.openTask(partition, attempt)) {
      out.writeLine(line);
    }
  }

  /** A directory's entries, without the checksum files of the local file system. */
  private static List<String> list(File dir) {
    String[] names = dir.list((d, name) -> !name.startsWith("."));
    Arrays.sort(names);
    return List.of(names);
  }
}
