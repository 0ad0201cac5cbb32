package dev.weft.yarn.am.provision;

import java.util.function.IntConsumer;

/**
 * The interval of the ApplicationMaster's heartbeats to the ResourceManager: short while container
 * requests wait for an answer, since the RM hands out granted containers only in a heartbeat's
 * response, and longer when nothing waits, so that an idle application costs the RM little.
 */
public final class HeartbeatPace {
  /** While requests are outstanding (and from the start, when the first requests come). */
  public static final int WAITING_MS = 200;

  /** While no request is outstanding. */
  public static final int IDLE_MS = 1000;

  private final IntConsumer setInterval;
  private int current;

  /**
   * @param setInterval sets the heartbeat interval in milliseconds (e.g. {@code
   *     AMRMClientAsync::setHeartbeatInterval}); the client starts at {@link #WAITING_MS}
   */
  public HeartbeatPace(IntConsumer setInterval) {
    this.setInterval = setInterval;
    this.current = WAITING_MS;
  }

  /** Paces the heartbeats for requests waiting ({@code true}) or none. */
  public synchronized void requestsWaiting(boolean waiting) {
    int wanted = waiting ? WAITING_MS : IDLE_MS;
    if (wanted != current) {
      current = wanted;
      setInterval.accept(wanted);
    }
  }

  /** The interval set last, in milliseconds. */
  public synchronized int intervalMs() {
    return current;
  }
}
