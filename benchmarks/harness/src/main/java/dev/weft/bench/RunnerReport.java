package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The line a runner prints when its workload is done, which the orchestrator parses: {@code
 * BENCH-RESULT workload=<id> millis=<n> peakRssKb=<n>}.
 *
 * <p>Runners of every engine use this class, so it must depend on nothing but the JDK (runners take
 * the harness jar without its dependencies).
 */
public final class RunnerReport {
  /** The first word of the result line. */
  public static final String PREFIX = "BENCH-RESULT";

  private RunnerReport() {}

  /**
   * Prints the result line of a finished workload.
   *
   * @param workload the workload's id, as in {@link Workload#id()}
   * @param millis the measured wall time: from before the engine's context is created to after its
   *     last action returned and the context stopped
   */
  public static void print(String workload, long millis) {
    System.out.println(
        PREFIX + " workload=" + workload + " millis=" + millis + " peakRssKb=" + peakRssKb());
    System.out.flush();
  }

  /**
   * Returns this process's peak resident set size in KiB ({@code VmHWM} of {@code
   * /proc/self/status}), or -1 where the platform does not tell.
   */
  public static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: not Linux
    }
    return -1;
  }
}
