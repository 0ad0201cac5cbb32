package dev.weft.shuffle.yarn;

import java.nio.file.Path;
import java.util.List;

/**
 * What the recovery store found when it opened: how much it recovered and, one line each, what it
 * had to drop (a damaged byte range of a file, a malformed record, an executor whose application
 * record was lost, a snapshot that was cut short).
 *
 * @param dir the recovery directory
 * @param applications applications recovered
 * @param executors executor registrations recovered
 * @param problems what was dropped and why; empty when the store was intact
 */
public record RecoveryReport(Path dir, int applications, int executors, List<String> problems) {
  public RecoveryReport {
    problems = List.copyOf(problems);
  }

  /** Whether anything was dropped. */
  public boolean damaged() {
    return !problems.isEmpty();
  }
}
