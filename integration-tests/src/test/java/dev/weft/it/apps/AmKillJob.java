package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Saves lines {@code line <i>} as text, one line per partition, for a test that kills its first
 * ApplicationMaster from outside. Later attempts run to the end at full speed.
 *
 * <p>Args: the output path (HDFS), a local directory shared with the test, and where the first
 * attempt is to be killed: {@code tasks} (half of the {@value #TASK_PARTITIONS} partitions commit,
 * the others write very slowly; once one of them has opened its file the first attempt writes
 * {@code attempt1-writing} into the shared directory and goes on) or {@code commit} ({@value
 * #COMMIT_PARTITIONS} partitions at full speed, so that the job commit publishes long enough for
 * the test to see it start). Each attempt that completes writes {@code attempt<N>-done}.
 */
public final class AmKillJob {
  public static final int TASK_PARTITIONS = 8;
  public static final int COMMIT_PARTITIONS = 60;

  private AmKillJob() {}

  /** The partitions the job writes when killed at {@code where}. */
  public static int partitions(String where) {
    return where.equals("tasks") ? TASK_PARTITIONS : COMMIT_PARTITIONS;
  }

  public static void main(String[] args) throws Exception {
    String output = args[0];
    Path shared = Path.of(args[1]);
    String where = args[2];
    int partitions = partitions(where);
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("AmKillJob"))) {
      int attempt = weft.applicationAttempt();
      boolean slow = attempt == 1 && where.equals("tasks");
      if (slow) {
        AtomicInteger committed = new AtomicInteger();
        dev.weft.core.driver.Internals.of(weft)
            .addSchedulerListener(
                new SchedulerListener() {
                  @Override
                  public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics metrics) {
                    if (reason instanceof TaskEndReason.Success
                        && committed.incrementAndGet() == partitions / 2) {
                      signalWhenWriting(output, shared.resolve("attempt1-writing"));
                    }
                  }
                });
      }
      weft.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
          .map(
              i -> {
                if (slow && i >= partitions / 2) {
                  Thread.sleep(600_000); // never finishes in the first attempt
                }
                return "line " + i;
              })
          .saveAsTextFile(output);
      Files.writeString(shared.resolve("attempt" + attempt + "-done"), "done");
    }
  }

  /** Waits until a task of the slow half has opened its file, then writes {@code signal}. */
  private static void signalWhenWriting(String output, Path signal) {
    try {
      org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(output, "_temporary");
      FileSystem fs = temporary.getFileSystem(new Configuration());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!anyAttemptFile(fs, temporary) && System.nanoTime() < deadline) {
        Thread.sleep(100); // waiting for a slow task to open its file
      }
      Files.writeString(signal, "writing");
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + output, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean anyAttemptFile(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      if (it.next().getPath().toString().contains("/attempt-")) {
        return true;
      }
    }
    return false;
  }
}
