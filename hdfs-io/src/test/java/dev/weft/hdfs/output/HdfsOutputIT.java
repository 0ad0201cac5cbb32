package dev.weft.hdfs.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.MiniHdfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Specification of the output commit protocol on HDFS, where the per-partition claim file is
 * created atomically: one attempt per partition is published, and a failed job leaves nothing.
 */
public class HdfsOutputIT {
  private static MiniHdfs hdfs;

  @BeforeClass
  public static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(HdfsOutputIT.class);
  }

  @AfterClass
  public static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  public void twoAttemptsOfAPartitionBothFinishAndExactlyOneFileIsPublished() throws Exception {
    OutputJob job = job("/out/speculative", SaveMode.ERROR_IF_EXISTS);
    job.setup();
    ExecutorService attempts = Executors.newFixedThreadPool(2);
    List<Boolean> committed = new ArrayList<>();
    try {
      List<Callable<Boolean>> both = new ArrayList<>();
      for (int a = 0; a < 2; a++) {
        int attempt = a;
        OutputJob copy = roundTrip(job); // as shipped to two executors
        both.add(
            () -> {
              try (TaskOutput out = copy.openTask(0, attempt)) {
                out.writeLine("written by attempt " + attempt);
              }
              TaskFiles files = copy.taskFiles(0, attempt);
              try (OutputStream out =
                  files.fileSystem().create(files.newFile("k=a", ".txt"), false)) {
                out.write(("attempt " + attempt).getBytes(StandardCharsets.UTF_8));
              }
              return copy.commitTask(0, attempt);
            });
      }
      for (Future<Boolean> result : attempts.invokeAll(both)) {
        committed.add(result.get());
      }
    } finally {
      attempts.shutdownNow();
      assertTrue(attempts.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(
        "exactly one attempt commits: " + committed, 1, committed.stream().filter(c -> c).count());
    int winner = committed.indexOf(true);
    job.abortTask(0, 1 - winner);
    job.commitJob(1);

    assertEquals(
        List.of("_SUCCESS", "k=a/part-00000-job-1-c000.txt", "part-00000"),
        files("/out/speculative"));
    assertEquals("written by attempt " + winner + "\n", read("/out/speculative/part-00000"));
    assertEquals("attempt " + winner, read("/out/speculative/k=a/part-00000-job-1-c000.txt"));
  }

  @Test
  public void jobThatFailsAfterSomeTasksCommittedLeavesNoFilesAndNoSuccess() throws IOException {
    OutputJob job = job("/out/failed", SaveMode.ERROR_IF_EXISTS);
    job.setup();
    for (int partition = 0; partition < 2; partition++) {
      try (TaskOutput out = job.openTask(partition, 0)) {
        out.writeLine("partition " + partition);
      }
      assertTrue(job.commitTask(partition, 0));
    }
    TaskFiles failing = job.taskFiles(2, 0);
    failing.fileSystem().create(failing.newFile("k=b", ".txt"), false).close();
    job.abortTask(2, 0);

    job.abortJob();

    assertFalse(hdfs.fs().exists(hdfs.path("/out/failed")));
  }

  @Test
  public void failedAppendLeavesTheExistingFilesOnly() throws IOException {
    hdfs.writeFile("/out/existing/part-00000", "old\n".getBytes(StandardCharsets.UTF_8), 1024);
    hdfs.writeFile("/out/existing/_SUCCESS", new byte[0], 1024);
    OutputJob job = job("/out/existing", SaveMode.APPEND);
    job.setup();
    TaskFiles files = job.taskFiles(0, 0);
    files.fileSystem().create(files.newFile("k=new", ".txt"), false).close();
    assertTrue(job.commitTask(0, 0));

    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), files("/out/existing"));
    assertEquals("old\n", read("/out/existing/part-00000"));
  }

  private static OutputJob job(String dest, SaveMode mode) {
    return new OutputJob(hdfs.path(dest).toString(), "job-1", mode, Map.of());
  }

  /** The files under {@code dir}, relative to it, sorted; the job's _temporary must be gone. */
  private static List<String> files(String dir) throws IOException {
    Path root = hdfs.path(dir);
    List<String> names = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = hdfs.fs().listFiles(root, true);
    while (it.hasNext()) {
      String path = it.next().getPath().toString();
      names.add(path.substring(root.toString().length() + 1));
    }
    names.sort(null);
    return names;
  }

  private static String read(String file) throws IOException {
    try (FSDataInputStream in = hdfs.fs().open(hdfs.path(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static OutputJob roundTrip(OutputJob job) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(job);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (OutputJob) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
