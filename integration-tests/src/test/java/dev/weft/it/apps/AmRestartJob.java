package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Saves {@value #LINES} lines {@code line <i>} as text in {@value #PARTITIONS} partitions. Its
 * first ApplicationMaster attempt dies mid-job: the first half of the partitions commit quickly,
 * the others write very slowly, and once half the partitions committed and a slow task has opened
 * its file, the driver halts the AM's process (as a crash would, without unregistering). Later
 * attempts run to the end at full speed.
 *
 * <p>Args: the output path (HDFS) and a local directory shared with the test. Before it halts, the
 * first attempt writes {@code attempt1-left} there: the files under the output's {@code _temporary}
 * directory, one relative path a line. Each attempt that completes writes {@code attempt<N>-done}.
 */
public final class AmRestartJob {
  public static final int PARTITIONS = 8;
  public static final int LINES = 800;

  private AmRestartJob() {}

  public static void main(String[] args) throws Exception {
    String output = args[0];
    Path shared = Path.of(args[1]);
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("AmRestartJob"))) {
      int attempt = weft.applicationAttempt();
      if (attempt == 1) {
        AtomicInteger committed = new AtomicInteger();
        Internals.of(weft)
            .addSchedulerListener(
                new SchedulerListener() {
                  @Override
                  public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                    if (reason instanceof TaskEndReason.Success
                        && committed.incrementAndGet() == PARTITIONS / 2) {
                      haltLeaving(output, shared.resolve("attempt1-left"));
                    }
                  }
                });
      }
      weft.parallelize(IntStream.range(0, LINES).boxed().toList(), PARTITIONS)
          .map(
              i -> {
                // The second half of the partitions never finishes in the first attempt.
                Thread.sleep(attempt == 1 && i >= LINES / 2 ? 1000 : 10);
                return "line " + i;
              })
          .saveAsTextFile(output);
      Files.writeString(shared.resolve("attempt" + attempt + "-done"), "done");
    }
  }

  /**
   * Waits until a task of the slow half has opened its file, records what the output's temporary
   * directory holds, then ends the process at once.
   */
  private static void haltLeaving(String output, Path report) {
    try {
      org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(output, "_temporary");
      FileSystem fs = temporary.getFileSystem(new Configuration());
      long deadline = System.nanoTime() + 60_000_000_000L;
      List<String> files = list(fs, temporary);
      while (files.stream().noneMatch(f -> f.contains("/attempt-"))
          && System.nanoTime() < deadline) {
        Thread.sleep(100); // waiting for a slow task to open its file
        files = list(fs, temporary);
      }
      Files.writeString(report, String.join("\n", files) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + output, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Runtime.getRuntime().halt(1);
    }
  }

  /** The files under {@code dir}, relative to it. */
  private static List<String> list(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    List<String> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    String root = fs.makeQualified(dir).toString() + "/";
    while (it.hasNext()) {
      files.add(it.next().getPath().toString().replace(root, ""));
    }
    return files;
  }
}
