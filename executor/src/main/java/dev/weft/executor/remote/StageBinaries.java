package dev.weft.executor.remote;

import java.util.HashMap;
import java.util.Map;

/**
 * The stage binaries an executor holds: one per stage, of the latest attempt the driver sent. The
 * driver sends a binary with the first task of each stage attempt it launches here and keeps an
 * exact mirror of this cache, so a task without a binary always finds its own.
 */
final class StageBinaries {
  private record Held(int attempt, byte[] binary) {}

  private final Map<Integer, Held> byStage = new HashMap<>();
  private int received;
  private int launches;

  /**
   * The binary of a task's stage attempt: {@code sent} when the launch carried one (it is then
   * cached), else the cached one.
   *
   * @throws IllegalStateException when neither exists (a protocol error)
   */
  synchronized byte[] forLaunch(int stageId, int attempt, byte[] sent) {
    launches++;
    if (sent.length > 0) {
      byStage.put(stageId, new Held(attempt, sent));
      received++;
      return sent;
    }
    Held held = byStage.get(stageId);
    if (held == null || held.attempt() != attempt) {
      throw new IllegalStateException(
          "the driver sent no binary for stage "
              + stageId
              + "."
              + attempt
              + " and this executor holds "
              + (held == null ? "none" : "attempt " + held.attempt()));
    }
    return held.binary();
  }

  synchronized void drop(int stageId) {
    byStage.remove(stageId);
  }

  synchronized int received() {
    return received;
  }

  synchronized int launches() {
    return launches;
  }
}
