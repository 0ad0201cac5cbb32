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
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
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
    assertEquals("job=job-1\nowner=job-1\n", read(dest, "_SUCCESS"));
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
    CommitLocks locks = new CommitLocks(); // the attempts run in one process, as local[N] tasks do
    try {
      List<Callable<Boolean>> commits = new ArrayList<>();
      for (int a = 0; a < attempts; a++) {
        int attempt = a;
        // Each task commits through its own deserialized copy, as executors do.
        OutputJob copy = roundTrip(job);
        commits.add(() -> copy.commitTask(0, attempt, locks));
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

  @Test
  public void authorizedAttemptTakesOverTheClaimOfAnAttemptThatDiedBeforeCommitting()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    write(job, 0, 0, "from attempt 0");
    writeClaim(dest, 0, "0"); // attempt 0 claimed the partition, then died
    write(job, 0, 1, "from attempt 1");
    assertFalse("an unauthorized commit still defers to the claim", job.commitTask(0, 1));

    assertEquals(OutputJob.CommitOutcome.COMMITTED, roundTrip(job).commitAuthorizedTask(0, 1));
    assertEquals("idempotent", OutputJob.CommitOutcome.COMMITTED, job.commitAuthorizedTask(0, 1));
    assertTrue(job.commitTask(0, 1));
    assertFalse(job.commitTask(0, 0));
    job.abortTask(0, 0);
    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
    assertEquals("from attempt 1\n", read(dest, "part-00000"));
  }

  @Test
  public void authorizedAttemptTakesOverAClaimWhoseContentWasNeverWritten() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    writeClaim(dest, 0, ""); // the claim's close failed
    write(job, 0, 1, "from attempt 1");
    assertFalse(job.commitTask(0, 1));

    assertEquals(OutputJob.CommitOutcome.COMMITTED, job.commitAuthorizedTask(0, 1));
    job.commitJob(1);

    assertEquals("from attempt 1\n", read(dest, "part-00000"));
  }

  @Test
  public void authorizedAttemptAfterACompletedCommitKeepsTheCommittedOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, SaveMode.ERROR_IF_EXISTS);
    job.setup();
    write(job, 0, 0, "from attempt 0");
    assertTrue(job.commitTask(0, 0)); // then attempt 0 died before reporting it
    write(job, 0, 1, "from attempt 1");

    assertEquals(
        OutputJob.CommitOutcome.ALREADY_COMMITTED, roundTrip(job).commitAuthorizedTask(0, 1));
    job.abortTask(0, 1);
    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
    assertEquals("from attempt 0\n", read(dest, "part-00000"));
  }

  @Test
  public void authorizedCommitOfAnAttemptThatWroteNothingFails() throws IOException {
    OutputJob job = job(new File(tmp.getRoot(), "out"), SaveMode.ERROR_IF_EXISTS);
    job.setup();
    IOException e = assertThrows(IOException.class, () -> job.commitAuthorizedTask(0, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("attempt-00000-0"));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  public void abortAfterAFailedOverwriteCommitRestoresExactlyTheOldContents() throws IOException {
    File dest = oldContentsForOverwrite();
    FailingRenameFileSystem.failPublishOf = "part-00001";
    try {
      OutputJob job = failingJob(dest);
      job.setup();
      for (int p = 0; p < 3; p++) {
        write(job, p, 0, "new " + p);
        assertTrue(job.commitTask(p, 0));
      }

      IOException e = assertThrows(IOException.class, job::commitJob);
      assertTrue(e.getMessage(), e.getMessage().contains("part-00001"));
      job.abortJob();

      assertOldContents(dest);
      assertFalse(new File(dest, "_temporary").exists());
    } finally {
      FailingRenameFileSystem.failPublishOf = null;
    }
  }

  @Test
  public void retriedOverwriteCommitPublishesAfterAFailedOne() throws IOException {
    File dest = oldContentsForOverwrite();
    FailingRenameFileSystem.failPublishOf = "part-00001";
    try {
      OutputJob job = failingJob(dest);
      job.setup();
      for (int p = 0; p < 3; p++) {
        write(job, p, 0, "new " + p);
        assertTrue(job.commitTask(p, 0));
      }
      assertThrows(IOException.class, job::commitJob);
      FailingRenameFileSystem.failPublishOf = null;

      job.commitJob(3);

      assertEquals(
          List.of("_SUCCESS", "part-00000", "part-00001", "part-00002"), visibleFiles(dest));
      for (int p = 0; p < 3; p++) {
        assertEquals("new " + p + "\n", read(dest, "part-0000" + p));
      }
      assertFalse(new File(dest, "_temporary").exists());
    } finally {
      FailingRenameFileSystem.failPublishOf = null;
    }
  }

  @Test
  public void abortOfASecondJobOnTheSameNewPathKeepsTheFirstJobsOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob first = job(dest, SaveMode.ERROR_IF_EXISTS);
    OutputJob second =
        new OutputJob(dest.toURI().toString(), "job-2", SaveMode.ERROR_IF_EXISTS, Map.of());
    first.setup();
    // The second job's setup ran concurrently: it too found no destination and marked it created.
    File secondDir = new File(dest, "_temporary/job-2");
    assertTrue(secondDir.mkdirs());
    Files.write(new File(secondDir, "_DESTINATION_CREATED").toPath(), new byte[0]);

    TaskFiles files = second.taskFiles(0, 0);
    Path own = files.newFile(".txt");
    try (FSDataOutputStream out = files.fileSystem().create(own, false)) {
      out.write("job 2\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(second.commitTask(0, 0));
    write(second, 1, 0, "job 2");
    assertTrue(second.commitTask(1, 0));
    write(first, 0, 0, "job 1 p0");
    write(first, 1, 0, "job 1 p1");
    assertTrue(first.commitTask(0, 0));
    assertTrue(first.commitTask(1, 0));
    first.commitJob(2);

    IOException e = assertThrows(IOException.class, () -> second.commitJob(2));
    assertTrue(e.getMessage(), e.getMessage().contains("part-00001"));
    second.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), visibleFiles(dest));
    assertEquals("job 1 p0\n", read(dest, "part-00000"));
    assertEquals("job 1 p1\n", read(dest, "part-00001"));
    assertFalse(new File(dest, "_temporary").exists());
  }

  @Test
  public void abortOfASecondJobThatNeverCommittedKeepsTheFirstJobsOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob first = job(dest, SaveMode.ERROR_IF_EXISTS);
    OutputJob second =
        new OutputJob(dest.toURI().toString(), "job-2", SaveMode.ERROR_IF_EXISTS, Map.of());
    first.setup();
    File secondDir = new File(dest, "_temporary/job-2");
    assertTrue(secondDir.mkdirs());
    Files.write(new File(secondDir, "_DESTINATION_CREATED").toPath(), new byte[0]);
    write(first, 0, 0, "job 1");
    assertTrue(first.commitTask(0, 0));
    first.commitJob(1);

    second.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
  }

  @Test
  public void abortedCompressedAppendRemovesItsCompressedFiles() throws IOException {
    File dest = existingOutput("old\n");
    OutputJob job = job(dest, SaveMode.APPEND).withTextCompression("gzip");
    job.setup();
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);
    assertEquals(List.of("_SUCCESS", "part-00000", "part-00000-job-1.gz"), visibleFiles(dest));

    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), visibleFiles(dest));
  }

  @Test
  public void abortAfterAFailedCompressedAppendCommitRemovesWhatItPublished() throws IOException {
    File dest = oldContentsForOverwrite();
    FailingRenameFileSystem.failPublishOf = "part-00001-job-1.gz";
    try {
      OutputJob job =
          new OutputJob(
                  "failrename:" + dest.getAbsolutePath(), "job-1", SaveMode.APPEND, failingConf())
              .withTextCompression("gzip");
      job.setup();
      for (int p = 0; p < 3; p++) {
        write(job, p, 0, "new " + p);
        assertTrue(job.commitTask(p, 0));
      }
      assertThrows(IOException.class, job::commitJob);

      job.abortJob();

      assertOldContents(dest);
    } finally {
      FailingRenameFileSystem.failPublishOf = null;
    }
  }

  private OutputJob job(File dest, SaveMode mode) {
    return new OutputJob(
        dest.toURI().toString(), "job-1", mode, Map.of("io.file.buffer.size", "8192"));
  }

  private static Map<String, String> failingConf() {
    return Map.of(
        "fs." + FailingRenameFileSystem.SCHEME + ".impl",
        FailingRenameFileSystem.class.getName(),
        "fs." + FailingRenameFileSystem.SCHEME + ".impl.disable.cache",
        "true");
  }

  /** An overwrite job on {@code dest} through {@link FailingRenameFileSystem}. */
  private static OutputJob failingJob(File dest) {
    return new OutputJob(
        "failrename:" + dest.getAbsolutePath(), "job-1", SaveMode.OVERWRITE, failingConf());
  }

  /** A destination holding an earlier job's output, with a sub-directory. */
  private File oldContentsForOverwrite() throws IOException {
    File dest = existingOutput("old 0\n");
    Files.write(new File(dest, "part-00001").toPath(), "old 1\n".getBytes(StandardCharsets.UTF_8));
    File sub = new File(dest, "country=DE");
    assertTrue(sub.mkdir());
    Files.write(new File(sub, "part-00009").toPath(), "old de\n".getBytes(StandardCharsets.UTF_8));
    return dest;
  }

  private static void assertOldContents(File dest) throws IOException {
    assertEquals(List.of("_SUCCESS", "country=DE", "part-00000", "part-00001"), visibleFiles(dest));
    assertEquals("old 0\n", read(dest, "part-00000"));
    assertEquals("old 1\n", read(dest, "part-00001"));
    assertEquals(0, new File(dest, "_SUCCESS").length());
    assertEquals(List.of("part-00009"), visibleFiles(new File(dest, "country=DE")));
    assertEquals("old de\n", read(new File(dest, "country=DE"), "part-00009"));
  }

  /** The claim file of a partition as a commit attempt left it. */
  private static void writeClaim(File dest, int partition, String contents) throws IOException {
    File claims = new File(dest, "_temporary/job-1/claims");
    assertTrue(claims.isDirectory() || claims.mkdirs());
    Files.write(
        new File(claims, String.format("part-%05d", partition)).toPath(),
        contents.getBytes(StandardCharsets.UTF_8));
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
