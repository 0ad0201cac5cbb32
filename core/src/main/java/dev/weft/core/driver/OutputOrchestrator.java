package dev.weft.core.driver;

import dev.weft.core.io.PartWriterFactory;
import dev.weft.core.io.RecordFileOutput;
import dev.weft.core.io.TextOutput;
import dev.weft.core.plan.PlanNode;
import dev.weft.core.runtime.TaskFunction;
import dev.weft.hdfs.UserPathException;
import dev.weft.hdfs.output.OutputJob;
import dev.weft.hdfs.output.SaveMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Committed output: the driver's side of the output commit protocol around a job ({@link
 * OutputJob}: set-up, one committed attempt per partition through the driver's commit coordinator,
 * job commit or abort), and the ids of the application's output jobs, which differ per application
 * attempt so that a later attempt can clean up what a dead one left.
 */
public final class OutputOrchestrator {
  private final DriverRuntime driver;
  private final AtomicInteger nextOutputId = new AtomicInteger();

  OutputOrchestrator(DriverRuntime driver) {
    this.driver = driver;
  }

  /** Writes every record of {@code node} as a line of text under {@code path}, committed. */
  public <T> void saveAsText(PlanNode<T> node, String path, SaveMode mode, String codec) {
    save(
        node,
        path,
        mode,
        job -> TextOutput.<T>writer(codec == null ? job : job.withTextCompression(codec)));
  }

  /** Writes the Avro records of {@code node} with {@code format} under {@code path}, committed. */
  public <T> void saveRecords(
      PlanNode<T> node,
      String path,
      SaveMode mode,
      PartWriterFactory format,
      List<String> partitionBy) {
    save(
        node,
        path,
        mode,
        job -> RecordFileOutput.<T>writer(job, format, partitionBy, driver.hadoopOverrides()));
  }

  /**
   * Runs the output commit protocol around a job over every partition of {@code node}: sets the
   * output job up (refusing an existing destination unless {@code mode} allows it; in a later
   * application attempt, aborting first what earlier attempts left), runs the task function that
   * {@code tasks} makes for the job, and commits the job; any failure aborts it, so the destination
   * holds all of the output or none of it.
   *
   * <p>The task function must write each partition through the job's task side ({@link
   * OutputJob#taskFiles}), ask {@link dev.weft.core.runtime.TaskRuntime#canCommit} before
   * committing its attempt, and return the records it wrote; {@link TextOutput} and {@link
   * RecordFileOutput} are examples.
   *
   * @throws IllegalArgumentException naming the destination when the mode refuses it
   * @throws UncheckedIOException when the output cannot be prepared or committed
   */
  public <T> void save(
      PlanNode<T> node,
      String path,
      SaveMode mode,
      Function<OutputJob, TaskFunction<T, Long>> tasks) {
    driver.checkOpen();
    int attempt = driver.applicationAttempt();
    OutputJob job =
        new OutputJob(
            path,
            outputJobPrefix(attempt) + nextOutputId.getAndIncrement(),
            mode,
            driver.hadoopOverrides());
    try {
      if (attempt > 1) {
        // What the dead earlier attempts left in the destination goes first (their drivers died
        // before committing or aborting it), so that it neither remains nor blocks this job.
        String own = outputJobPrefix(attempt);
        String app = driver.applicationId() + "-";
        job.setup(id -> id.startsWith(app) && !id.startsWith(own));
      } else {
        job.setup();
      }
    } catch (UserPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // e.g. the destination exists
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare output " + path + ": " + e.getMessage(), e); // infrastructure
    }
    try {
      driver.runJob(node, tasks.apply(job));
      job.commitJob(node.numPartitions());
    } catch (IOException | RuntimeException e) {
      try {
        job.abortJob();
      } catch (IOException abort) {
        e.addSuppressed(abort);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(
          "Cannot commit output " + path + ": " + e.getMessage(), (IOException) e);
    }
  }

  /**
   * How the ids of this application's output jobs start: {@code <appId>-} in the first attempt,
   * {@code <appId>-attempt<N>-} in later ones, so each attempt's jobs have their own temporary
   * directories and a later attempt recognizes those of the earlier ones.
   */
  private String outputJobPrefix(int attempt) {
    return driver.applicationId() + (attempt > 1 ? "-attempt" + attempt + "-" : "-");
  }
}
