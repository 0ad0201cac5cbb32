package dev.weft.hdfs.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.weft.hdfs.output.FaultInjectingFileSystem.Op;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of the job commit's crash safety: the file system fails the Nth create, rename,
 * delete or mkdirs of a job commit, for every N the commit reaches. Then either the driver lives
 * and aborts the job, or it dies and a job of the application's next attempt finds what it left. In
 * every case the destination ends up holding either the job's complete output with {@code _SUCCESS}
 * or its previous contents, nothing else; and the next attempt's job then commits.
 */
public class JobCommitFaultTest {
  private static final String FIRST = "app_1-0";
  private static final String SECOND = "app_1-attempt2-0";
  private static final Predicate<String> EARLIER_ATTEMPTS =
      id -> id.startsWith("app_1-") && !id.startsWith("app_1-attempt2-");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @After
  public void disarm() {
    FaultInjectingFileSystem.disarm();
  }

  @Test
  public void newDestinationIsCompleteOrAbsentAfterAFailureAtAnyStepOfTheJobCommit()
      throws IOException {
    everyFault(SaveMode.ERROR_IF_EXISTS);
  }

  @Test
  public void overwrittenDestinationIsCompleteOrUnchangedAfterAFailureAtAnyStepOfTheJobCommit()
      throws IOException {
    everyFault(SaveMode.OVERWRITE);
  }

  @Test
  public void appendedDestinationIsCompleteOrUnchangedAfterAFailureAtAnyStepOfTheJobCommit()
      throws IOException {
    everyFault(SaveMode.APPEND);
  }

  @Test
  public void dynamicallyOverwrittenDestinationIsCompleteOrUnchangedAfterAFailureAtAnyStep()
      throws IOException {
    everyFault(SaveMode.OVERWRITE_PARTITIONS);
  }

  private void everyFault(SaveMode mode) throws IOException {
    int cases = 0;
    for (Op op : Op.values()) {
      for (boolean driverDies : new boolean[] {false, true}) {
        for (int n = 1; ; n++) {
          if (!failJobCommit(mode, op, n, driverDies)) {
            break;
          }
          cases++;
        }
      }
    }
    assertTrue("the job commit reached no create, rename, delete or mkdirs: " + cases, cases > 8);
  }

  /**
   * Runs a job whose commit meets a failure of the {@code n}-th {@code op}, and checks the
   * destination. Returns false if the commit made fewer than {@code n} such calls.
   */
  private boolean failJobCommit(SaveMode mode, Op op, int n, boolean driverDies)
      throws IOException {
    File dest = new File(tmp.newFolder(), "out");
    if (mode != SaveMode.ERROR_IF_EXISTS) {
      writeOldContents(dest);
    }
    Map<String, String> previous = snapshot(dest);
    String what = mode + ", failing " + op + " #" + n + (driverDies ? ", driver dies" : "");

    OutputJob first = job(dest, FIRST, mode);
    first.setup();
    writeTasks(first, "first");
    FaultInjectingFileSystem.failNth(op, n);
    boolean threw = false;
    try {
      first.commitJob(3);
    } catch (IOException e) {
      threw = true;
    }
    boolean fired = FaultInjectingFileSystem.disarm();
    if (!fired) {
      assertEquals(what, complete(mode, previous, FIRST, "first"), snapshot(dest));
      return false;
    }

    if (!driverDies) {
      if (threw) {
        first.abortJob();
      }
      assertCompleteOrPrevious(what, dest, mode, previous);
      if (threw && snapshot(dest).equals(previous)) {
        assertFalse(what, new File(dest, "_temporary").exists());
        assertEquals(what, mode != SaveMode.ERROR_IF_EXISTS, dest.exists());
      }
      return true;
    }
    OutputJob second = job(dest, SECOND, mode);
    second.setup(EARLIER_ATTEMPTS);
    assertCompleteOrPrevious(what + ", after the next attempt's setup", dest, mode, previous);
    writeTasks(second, "second");
    second.commitJob(3);
    assertEquals(what, complete(mode, previous, SECOND, "second"), snapshot(dest));
    assertFalse(what, new File(dest, "_temporary").exists());
    return true;
  }

  private void assertCompleteOrPrevious(
      String what, File dest, SaveMode mode, Map<String, String> previous) throws IOException {
    Map<String, String> now = snapshot(dest);
    if (!now.equals(previous) && !now.equals(complete(mode, previous, FIRST, "first"))) {
      fail(what + ": neither the previous contents " + previous + " nor complete output: " + now);
    }
  }

  /** What the destination holds once job {@code id} committed lines starting {@code tag}. */
  private static Map<String, String> complete(
      SaveMode mode, Map<String, String> previous, String id, String tag) {
    Map<String, String> files = new TreeMap<>();
    String suffix = "";
    if (mode == SaveMode.APPEND) {
      files.putAll(previous);
      suffix = "-" + id;
    } else if (mode == SaveMode.OVERWRITE_PARTITIONS) {
      // The job writes into country=FR only: that directory is replaced, the rest kept.
      previous.forEach(
          (path, text) -> {
            if (!path.startsWith("country=FR/")) {
              files.put(path, text);
            }
          });
      suffix = "-" + id;
    }
    files.put("part-00000" + suffix, tag + " 0\n");
    files.put("part-00001" + suffix, tag + " 1\n");
    files.put("country=FR/part-00002-" + id + "-c000.txt", tag + " 2\n");
    files.put("_SUCCESS", "");
    return files;
  }

  /** Partitions 0 and 1 as text, partition 2 as a file in a sub-directory; all committed. */
  private static void writeTasks(OutputJob job, String tag) throws IOException {
    for (int p = 0; p < 2; p++) {
      try (TaskOutput out = job.openTask(p, 0)) {
        out.writeLine(tag + " " + p);
      }
      assertTrue(job.commitTask(p, 0));
    }
    TaskFiles files = job.taskFiles(2, 0);
    Path file = files.newFile("country=FR", ".txt");
    try (FSDataOutputStream out = files.fileSystem().create(file, false)) {
      out.write((tag + " 2\n").getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(job.commitTask(2, 0));
  }

  private static void writeOldContents(File dest) throws IOException {
    File sub = new File(dest, "country=DE");
    assertTrue(sub.mkdirs());
    File fr = new File(dest, "country=FR");
    assertTrue(fr.mkdirs());
    Files.writeString(new File(fr, "part-00008").toPath(), "old fr\n");
    Files.writeString(new File(dest, "part-00000").toPath(), "old 0\n");
    Files.writeString(new File(sub, "part-00009").toPath(), "old de\n");
    Files.writeString(new File(dest, "_SUCCESS").toPath(), "");
  }

  /**
   * Every file under {@code dest} but {@code _temporary}, by relative path, with its content; that
   * of {@code _SUCCESS} left out.
   */
  private static Map<String, String> snapshot(File dest) throws IOException {
    Map<String, String> files = new TreeMap<>();
    snapshot(dest, "", files);
    return files;
  }

  private static void snapshot(File dir, String prefix, Map<String, String> into)
      throws IOException {
    File[] entries = dir.listFiles();
    if (entries == null) {
      return;
    }
    for (File entry : entries) {
      String name = entry.getName();
      if (name.startsWith(".") || name.equals("_temporary")) {
        continue;
      }
      if (entry.isDirectory()) {
        snapshot(entry, prefix + name + "/", into);
      } else {
        into.put(prefix + name, name.equals("_SUCCESS") ? "" : Files.readString(entry.toPath()));
      }
    }
  }

  private static OutputJob job(File dest, String id, SaveMode mode) {
    return new OutputJob(
        FaultInjectingFileSystem.SCHEME + ":" + dest.getAbsolutePath(),
        id,
        mode,
        // Cached: its state is static, and a file system per job would make the test slow.
        Map.of(
            "fs." + FaultInjectingFileSystem.SCHEME + ".impl",
            FaultInjectingFileSystem.class.getName()));
  }
}
