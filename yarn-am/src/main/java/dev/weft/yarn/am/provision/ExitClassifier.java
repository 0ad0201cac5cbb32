package dev.weft.yarn.am.provision;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;

/** Explains a completed container's exit status ({@link ContainerExitStatus} or a process code). */
public final class ExitClassifier {
  /**
   * The exit code of an executor that stopped after an {@link OutOfMemoryError} (the executor's
   * {@code ExecutorRuntime.EXIT_OUT_OF_MEMORY}, the same code as Spark's).
   */
  public static final int EXIT_OUT_OF_MEMORY = 52;

  private final String heapText;
  private final String overheadText;

  /**
   * @param heapText the executors' heap as users write it ({@code --executor-memory}), for the
   *     out-of-memory hint
   * @param overheadText the configured memory overhead as users write it, for the memory hint
   */
  public ExitClassifier(String heapText, String overheadText) {
    this.heapText = heapText;
    this.overheadText = overheadText;
  }

  /**
   * Explains one exit.
   *
   * @param exitStatus the container's exit status
   * @param diagnostics YARN's diagnostics, may be null or empty
   * @param releasedByUs whether the AM released or stopped the container itself
   */
  public ExitExplanation explain(int exitStatus, String diagnostics, boolean releasedByUs) {
    String diag = diagnostics == null || diagnostics.isBlank() ? "" : ": " + oneLine(diagnostics);
    if (releasedByUs) {
      return new ExitExplanation("container released by the ApplicationMaster", false, false);
    }
    switch (exitStatus) {
      case ContainerExitStatus.SUCCESS:
        return new ExitExplanation("executor exited normally", false, false);
      case ContainerExitStatus.KILLED_EXCEEDED_PMEM:
      case ContainerExitStatus.KILLED_EXCEEDED_VMEM:
        return new ExitExplanation(
            "container killed by YARN for exceeding its memory limit"
                + diag
                + " (raise weft.executor.memoryOverhead, now "
                + overheadText
                + ")",
            true,
            false);
      case EXIT_OUT_OF_MEMORY:
        return new ExitExplanation(
            "executor ran out of memory and stopped (raise --executor-memory, now "
                + heapText
                + ")",
            true,
            false);
      case ContainerExitStatus.PREEMPTED:
        return new ExitExplanation("container preempted by YARN" + diag, false, false);
      case ContainerExitStatus.DISKS_FAILED:
        return new ExitExplanation(
            "container failed because its node's disks failed" + diag, false, true);
      case ContainerExitStatus.ABORTED:
        return new ExitExplanation(
            "container aborted by YARN (its node was lost or restarted)" + diag, false, true);
      case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER:
        return new ExitExplanation("container killed by the ResourceManager" + diag, false, false);
      case ContainerExitStatus.KILLED_BY_APPMASTER:
        return new ExitExplanation("container killed by the ApplicationMaster", false, false);
      case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION:
        return new ExitExplanation("container killed after the application ended", false, false);
      case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER:
        return new ExitExplanation(
            "container killed by the NodeManager's scheduler" + diag, false, false);
      case ContainerExitStatus.KILLED_FOR_EXCESS_LOGS:
        return new ExitExplanation(
            "container killed for writing too many logs" + diag, true, false);
      default:
        return new ExitExplanation(
            "executor exited with code " + exitStatus + signalHint(exitStatus) + diag, true, true);
    }
  }

  private static String signalHint(int code) {
    if (code == 137) {
      return " (killed with SIGKILL)";
    }
    if (code == 143) {
      return " (killed with SIGTERM)";
    }
    return "";
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*\\R\\s*", " | ");
  }
}
