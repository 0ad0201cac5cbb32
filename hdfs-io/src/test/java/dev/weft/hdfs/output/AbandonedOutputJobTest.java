package dev.weft.hdfs.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.UserPathException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of {@link OutputJob#setup(Predicate)}: a job that replaces jobs whose driver died
 * (an earlier attempt of the same application) removes what they left in its destination.
 */
public class AbandonedOutputJobTest {
  /**
   * Jobs of application {@code app_1} from attempts before the current one, as the driver names
   * them.
   */
  private static final Predicate<String> EARLIER_ATTEMPTS =
      id -> id.startsWith("app_1-") && !id.startsWith("app_1-attempt2-");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aDestinationLeftOnlyAsAnAbandonedJobsTemporaryFilesIsReplacedByTheNewJobsOutput()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob dead = job(dest, "app_1-0", SaveMode.ERROR_IF_EXISTS);
    dead.setup();
    write(dead, 0, 7, "dead 0");
    assertTrue(dead.commitTask(0, 7));
    write(dead, 1, 8, "dead 1, never committed");

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    assertEquals(List.of("app_1-attempt2-0"), list(new File(dest, "_temporary")));
    for (int p = 0; p < 2; p++) {
      write(job, p, p, "new " + p);
      assertTrue(job.commitTask(p, p));
    }
    job.commitJob(2);

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), list(dest));
    assertEquals("new 0\n", read(dest, "part-00000"));
    assertEquals("new 1\n", read(dest, "part-00001"));
  }

  @Test
  public void aDestinationWithAnotherApplicationsTemporaryFilesIsStillRefusedAndLeftAlone()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob other = job(dest, "app_2-0", SaveMode.ERROR_IF_EXISTS);
    other.setup();
    write(other, 0, 0, "other");

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    UserPathException e = assertThrows(UserPathException.class, () -> job.setup(EARLIER_ATTEMPTS));

    assertTrue(e.getMessage(), e.getMessage().startsWith("Output path already exists: "));
    assertEquals(List.of("app_2-0"), list(new File(dest, "_temporary")));
    assertTrue(new File(dest, "_temporary/app_2-0/attempt-00000-0/part-00000").isFile());
  }

  @Test
  public void aDestinationWithCommittedOutputBesideAnAbandonedJobIsStillRefused()
      throws IOException {
    File dest = existingOutput();
    OutputJob dead = job(dest, "app_1-0", SaveMode.APPEND);
    dead.setup();
    write(dead, 0, 0, "dead");

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    assertThrows(UserPathException.class, () -> job.setup(EARLIER_ATTEMPTS));

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
    assertEquals("old\n", read(dest, "part-00000"));
  }

  @Test
  public void anAppendThatDiedWhilePublishingIsReplacedByTheNewAttemptsAppendNotDuplicated()
      throws IOException {
    File dest = existingOutput();
    FailingRenameFileSystem.failPublishOf = "part-00001-app_1-0";
    try {
      OutputJob dead = failingJob(dest, "app_1-0");
      dead.setup();
      for (int p = 0; p < 2; p++) {
        write(dead, p, 0, "dead " + p);
        assertTrue(dead.commitTask(p, 0));
      }
      // The driver died during the job commit, which may have published part-00000-app_1-0.
      assertThrows(IOException.class, () -> dead.commitJob(2));
    } finally {
      FailingRenameFileSystem.failPublishOf = null;
    }

    OutputJob job = failingJob(dest, "app_1-attempt2-0");
    job.setup(EARLIER_ATTEMPTS);
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00000-app_1-attempt2-0"), list(dest));
    assertEquals("old\n", read(dest, "part-00000"));
    assertEquals("new\n", read(dest, "part-00000-app_1-attempt2-0"));
  }

  @Test
  public void aDestinationLeftHoldingOnlyAnEmptyTemporaryDirectoryIsTakenOver() throws IOException {
    // An earlier attempt's abort ran while its tasks still wrote: what they re-created was removed
    // again, but the destination and an empty _temporary remained.
    File dest = new File(tmp.getRoot(), "out");
    assertTrue(new File(dest, "_temporary").mkdirs());

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
    assertEquals("new\n", read(dest, "part-00000"));
  }

  @Test
  public void anAbortOfTheNewAttemptsJobRemovesADestinationOnlyEarlierAttemptsLeft()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    assertTrue(new File(dest, "_temporary/app_1-0/attempt-00000-0").mkdirs());

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    write(job, 0, 0, "new");
    job.abortJob();

    assertFalse(dest.exists());
  }

  @Test
  public void outputAnEarlierAttemptCommittedIsReplacedByTheNewAttemptsOutput() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob dead = job(dest, "app_1-0", SaveMode.ERROR_IF_EXISTS);
    dead.setup();
    for (int p = 0; p < 3; p++) {
      write(dead, p, 0, "dead " + p);
      assertTrue(dead.commitTask(p, 0));
    }
    dead.commitJob(3); // then the application master died before the application finished

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    assertEquals(
        List.of("_SUCCESS", "_temporary", "part-00000", "part-00001", "part-00002"), list(dest));
    for (int p = 0; p < 2; p++) {
      write(job, p, 0, "new " + p);
      assertTrue(job.commitTask(p, 0));
    }
    job.commitJob(2);

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00001"), list(dest));
    assertEquals("new 0\n", read(dest, "part-00000"));
    assertEquals("new 1\n", read(dest, "part-00001"));
  }

  @Test
  public void aFailedNewAttemptLeavesTheOutputAnEarlierAttemptCommitted() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob dead = job(dest, "app_1-0", SaveMode.ERROR_IF_EXISTS);
    dead.setup();
    write(dead, 0, 0, "dead");
    assertTrue(dead.commitTask(0, 0));
    dead.commitJob(1);

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
    assertEquals("dead\n", read(dest, "part-00000"));
  }

  @Test
  public void anotherApplicationsCommittedOutputStillFailsErrorIfExists() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob other = job(dest, "app_2-0", SaveMode.ERROR_IF_EXISTS);
    other.setup();
    write(other, 0, 0, "other");
    assertTrue(other.commitTask(0, 0));
    other.commitJob(1);

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    assertThrows(UserPathException.class, () -> job.setup(EARLIER_ATTEMPTS));
    assertEquals("other\n", read(dest, "part-00000"));
  }

  @Test
  public void anAppendAnEarlierAttemptCommittedIsReplacedNotDuplicated() throws IOException {
    File dest = existingOutput();
    OutputJob dead = job(dest, "app_1-0", SaveMode.APPEND);
    dead.setup();
    write(dead, 0, 0, "dead");
    assertTrue(dead.commitTask(0, 0));
    dead.commitJob(1);

    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.APPEND);
    job.setup(EARLIER_ATTEMPTS);
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));
    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000", "part-00000-app_1-attempt2-0"), list(dest));
    assertEquals("old\n", read(dest, "part-00000"));
  }

  @Test
  public void aCommitThatPublishedEverythingBeforeItsDriverDiedIsCompletedNotAborted()
      throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob dead = failingDeleteJob(dest, "app_1-0");
    dead.setup();
    write(dead, 0, 0, "dead");
    assertTrue(dead.commitTask(0, 0));
    // Deletes: of the manifest's temporary file, of _previous, then of the job's directory.
    FaultInjectingFileSystem.failNth(FaultInjectingFileSystem.Op.DELETE, 3);
    try {
      dead.commitJob(1); // _SUCCESS written; removing its temporary directory fails
    } finally {
      assertTrue(FaultInjectingFileSystem.disarm());
    }
    assertTrue(new File(dest, "_temporary/app_1-0/_PUBLISHING").isFile());

    // The next attempt fails before it commits: the earlier attempt's output stays complete.
    OutputJob job = failingDeleteJob(dest, "app_1-attempt2-0");
    job.setup(EARLIER_ATTEMPTS);
    job.abortJob();

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
    assertEquals("dead\n", read(dest, "part-00000"));
  }

  @Test
  public void jobCommitDeletesWhatATaskOfAnAbandonedJobWroteAfterTheSetup() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    job(dest, "app_1-0", SaveMode.ERROR_IF_EXISTS).setup();
    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(EARLIER_ATTEMPTS);
    // A task of the dead job, still running, creates its file after the setup removed the job.
    File late = new File(dest, "_temporary/app_1-0/attempt-00003-5/part-00003");
    assertTrue(late.getParentFile().mkdirs());
    Files.writeString(late.toPath(), "late\n");
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));

    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
  }

  @Test
  public void theJobsOwnIdIsNeverTakenForAnAbandonedOne() throws IOException {
    File dest = new File(tmp.getRoot(), "out");
    OutputJob job = job(dest, "app_1-attempt2-0", SaveMode.ERROR_IF_EXISTS);
    job.setup(id -> true);
    write(job, 0, 0, "new");
    assertTrue(job.commitTask(0, 0));

    job.commitJob(1);

    assertEquals(List.of("_SUCCESS", "part-00000"), list(dest));
  }

  private static OutputJob job(File dest, String id, SaveMode mode) {
    return new OutputJob(dest.toURI().toString(), id, mode, Map.of());
  }

  private static OutputJob failingDeleteJob(File dest, String id) {
    return new OutputJob(
        FaultInjectingFileSystem.SCHEME + ":" + dest.getAbsolutePath(),
        id,
        SaveMode.ERROR_IF_EXISTS,
        Map.of(
            "fs." + FaultInjectingFileSystem.SCHEME + ".impl",
            FaultInjectingFileSystem.class.getName(),
            "fs." + FaultInjectingFileSystem.SCHEME + ".impl.disable.cache",
            "true"));
  }

  private static OutputJob failingJob(File dest, String id) {
    return new OutputJob(
        "failrename:" + dest.getAbsolutePath(),
        id,
        SaveMode.APPEND,
        Map.of(
            "fs." + FailingRenameFileSystem.SCHEME + ".impl",
            FailingRenameFileSystem.class.getName(),
            "fs." + FailingRenameFileSystem.SCHEME + ".impl.disable.cache",
            "true"));
  }

  private File existingOutput() throws IOException {
    File dest = tmp.newFolder("existing");
    Files.writeString(new File(dest, "part-00000").toPath(), "old\n");
    Files.write(new File(dest, "_SUCCESS").toPath(), new byte[0]);
    return dest;
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
    if (names == null) {
      return List.of();
    }
    Arrays.sort(names);
    return List.of(names);
  }

  private static String read(File dir, String name) throws IOException {
    return Files.readString(new File(dir, name).toPath(), StandardCharsets.UTF_8);
  }
}
