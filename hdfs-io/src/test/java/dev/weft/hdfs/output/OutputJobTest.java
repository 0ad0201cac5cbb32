package dev.weft.hdfs.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.UserPathException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of the output commit protocol of {@link OutputJob}. */
public class OutputJobTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void committedJobPublishesOnePartFilePerPartitionAndSuccess() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    assertTrue(new File(dest, "_temporary/job-1").isDirectory());

    write(job, 0, 0, "a", "b");
    write(job, 1, 0, "c");
    assertTrue(job.commitTask(0, 0));
    assertTrue(job.commitTask(1, 0));
    assertEquals(List.of(), visibleFiles(dest));
    job.commitJob(2);

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), visibleFiles(dest));
    assertEquals("a\nb\n", read(dest, "part-00000"));
    assertEquals("c\n", read(dest, "part-00001"));
    assertEquals(0, new File(dest, "_SUCCESS").length());
    assertFalse(new File(dest, "_temporary").exists());
  }

  @Test
  public void twoAttemptsOfAPartitionBothWriteButOnlyTheFirstToCommitIsPublished()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();

    write(job, 0, 0, "from attempt 0");
    write(job, 0, 1, "from attempt 1");
    assertTrue(job.commitTask(0, 1));
    assertFalse(job.commitTask(0, 0));
    assertTrue("the winner's commit is idempotent", job.commitTask(0, 1));
    job.abortTask(0, 0);
    job.commitJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
    assertEquals("from attempt 1\n", read(dest, "part-00000"));
  }

  @Test
  public void concurrentCommitsOfOnePartitionLetExactlyOneAttemptWin() throws Exception {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    int attempts = 8;
    for (int a = 0; a < attempts; a++) {
      write(job, 0, a, "attempt " + a);
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      List<Callable<Boolean>> commits = new ArrayList<>();
      for (int a = 0; a < attempts; a++) {
        int attempt = a;
        // Each task commits through its own deserialized copy, as executors do.
        OutputJob copy = roundTrip(job);
        commits.add(() -> copy.commitTask(0, attempt));
      }
      int winners = 0;
      for (Future<Boolean> result : pool.invokeAll(commits)) {
        winners += result.get() ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
    job.commitJob();
    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
  }

  @Test
  public void abortedJobLeavesNoDestinationItCreated() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    write(job, 0, 0, "a");
    assertTrue(job.commitTask(0, 0));
    write(job, 1, 0, "b");

    job.abortJob();

    assertFalse(dest.exists());
  }

  @Test
  public void abortedOverwriteLeavesTheExistingDestinationUnchanged() throws IOException {
    File dest = existingOutput("old\n");
    OutputJob job = job(dest, SaveMode.OVERWRITE);
    job.setup();
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));

    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
    assertEquals("old\n", read(dest, "part-00000"));
    assertFalse(new File(dest, "_temporary").exists());
  }

  @Test
  public void existingDestinationFailsSetupWithOneLineNamingIt() throws IOException {
    File dest = existingOutput("old\n");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);

    UserPathException e = assertThrows(UserPathException.class, job::setup);

    assertTrue(e.getMessage(), e.getMessage().startsWith("Output path already exists: "));
    assertTrue(e.getMessage(), e.getMessage().endsWith(dest.getPath()));
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(new File(dest, "_temporary").exists());
  }

  @Test
  public void overwriteReplacesTheDestinationAtJobCommit() throws IOException {
    File dest = existingOutput("old\n");
    Files.write(new File(dest, "part-00007").toPath(), "stale\n".getBytes(StandardCharsets.UTF_8));
    OutputJob job = job(dest, SaveMode.OVERWRITE);
    job.setup();
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    assertEquals("old contents stay until job commit", "old\n", read(dest, "part-00000"));

    job.commitJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
    assertEquals("new\n", read(dest, "part-00000"));
  }

  @Test
  public void appendAddsFilesWhoseNamesDoNotClash() throws IOException {
    File dest = existingOutput("old\n");
    OutputJob job = job(dest, SaveMode.APPEND);
    job.setup();
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob();

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00000-job-1"), visibleFiles(dest));
    assertEquals("old\n", read(dest, "part-00000"));
    assertEquals("new\n", read(dest, "part-00000-job-1"));
    assertEquals("part-00000-job-1", job.partFileName(0));
  }

  @Test
  public void abortedAppendLeavesTheDestinationUnchanged() throws IOException {
    File dest = existingOutput("old\n");
    OutputJob job = job(dest, SaveMode.APPEND);
    job.setup();
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));

    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
  }

  @Test
  public void jobCommitRefusesWhenAPartitionHasNoCommittedOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    write(job, 0, 0, "a");
    assertTrue(job.commitTask(0, 0));
    write(job, 1, 0, "b");

    IOException e = assertThrows(IOException.class, () -> job.commitJob(2));

    assertTrue(e.getMessage(), e.getMessage().contains("partition 1"));
    assertEquals(List.of(), visibleFiles(dest));
  }

  @Test
  public void taskOutputCountsBytesAndRecords() throws IOException {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    job.setup();
    try (TaskOutput out = job.openTask(3, 2)) {
      out.writeLine("héllo");
      out.writeLine("");
      assertEquals(2, out.recordsWritten());
      assertEquals("héllo".getBytes(StandardCharsets.UTF_8).length + 1 + 1, out.bytesWritten());
      assertEquals(3, out.partition());
      assertEquals(2, out.attempt());
      assertTrue(out.path(), out.path().endsWith("/_temporary/job-1/attempt-00003-2/part-00003"));
    }
  }

  @Test
  public void committingAnAttemptThatWroteNothingFails() throws IOException {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    job.setup();
    IOException e = assertThrows(IOException.class, () -> job.commitTask(0, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("attempt-00000-0"));
  }

  @Test
  public void openingATaskOfAJobNotSetUpFails() {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    IOException e = assertThrows(IOException.class, () -> job.openTask(0, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("job-1"));
  }

  @Test
  public void invalidJobIdsAreRefused() {
    for (String id : List.of("", "a/b", "../x", "_x", "a b")) {
      assertThrows(
          id,
          IllegalArgumentException.class,
          () -> new OutputJob("file:/tmp/x", id, SaveMode.APPEND, Map.of()));
    }
  }

  private OutputJob job(File dest, SaveMode mode) {
    return new OutputJob(
        dest.toURI().toString(), "job-1", mode, Map.of("io.file.buffer.size", "8192"));
  }

  /** A destination holding the complete output of an earlier job. */
  private File existingOutput(String contents) throws IOException {
    File dest = tmp.newFolder("existing");
    Files.write(new File(dest, "part-00000").toPath(), contents.getBytes(StandardCharsets.UTF_8));
    Files.write(new File(dest, "_SUCCESS").toPath(), new byte[0]);
    return dest;
  }

  private static void write(OutputJob job, int partition, int attempt, String... lines)
      throws IOException {
    try (TaskOutput out = roundTrip(job).openTask(partition, attempt)) {
      for (String line : lines) {
        out.writeLine(line);
      }
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

  /** The destination's entries, without the checksum files the local file system adds. */
  private static List<String> visibleFiles(File dest) {
    String[] names = dest.list((dir, name) -> !name.startsWith(".") && !name.equals("_temporary"));
    if (names == null) {
      return List.of();
    }
    Arrays.sort(names);
    return List.of(names);
  }

  private static String read(File dir, String name) throws IOException {
    return Files.readString(new File(dir, name).toPath());
  }
}
