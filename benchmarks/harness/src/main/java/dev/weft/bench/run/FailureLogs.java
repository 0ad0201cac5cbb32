package dev.weft.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a failed run left (command, exit code, the tails of stdout and stderr) in a file. */
public final class FailureLogs {
  private final Path dir;
  private final String stamp;

  /** Logs under {@code dir}, file names starting with the report's {@code stamp}. */
  public FailureLogs(Path dir, String stamp) {
    this.dir = dir;
    this.stamp = stamp;
  }

  /**
   * Writes the log of a failed run.
   *
   * @return the log file
   */
  public Path keep(String label, List<String> command, ProcessRun run, String why)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(stamp + "-" + label + ".log");
    List<String> lines = new ArrayList<>();
    lines.add("failure: " + why);
    lines.add("command: " + String.join(" ", command));
    if (run != null) {
      lines.add(
          "exit code: " + run.exitCode() + (run.timedOut() ? " (killed at the timeout)" : ""));
      lines.add("--- stdout (tail) ---");
      lines.addAll(run.stdoutTail(50));
      lines.add("--- stderr (tail) ---");
      lines.addAll(run.stderrTail(200));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }
}
