package dev.weft.spi.scheduler;

/**
 * What the cluster manager says of one node: whether tasks may run there and whether the map
 * outputs its shuffle service serves are still readable.
 *
 * @param host the node as executors on it name their host (what the scheduler places tasks by)
 * @param shuffleHost the host of the node's shuffle service, as map statuses name it
 * @param shufflePort the port of the node's shuffle service, or 0 when no executor of this
 *     application learned it (then no map output of the application lives there)
 * @param availability what the scheduler may still do with the node
 * @param reason the cluster manager's state of the node, in words ("YARN reports it LOST")
 */
public record NodeStatus(
    String host, String shuffleHost, int shufflePort, Availability availability, String reason) {

  /** What a node is good for. */
  public enum Availability {
    /** Tasks may run there and its map outputs are readable. */
    USABLE,
    /**
     * No new task is placed there (YARN's DECOMMISSIONING or UNHEALTHY), but its map outputs stay
     * readable while it lives; tasks running there finish.
     */
    DRAINING,
    /**
     * The node is gone (YARN's LOST, DECOMMISSIONED or SHUTDOWN) and its shuffle service with it:
     * its map outputs are lost and computed again at once, before a reducer fails to fetch them.
     */
    GONE
  }
}
