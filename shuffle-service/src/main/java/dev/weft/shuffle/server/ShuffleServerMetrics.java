package dev.weft.shuffle.server;

/**
 * The shuffle server's counters, readable at any time from any thread. Counts are totals since the
 * server was created, except the gauges (open connections, bytes in flight, registrations, index
 * cache size).
 */
public interface ShuffleServerMetrics {
  /** A consistent-enough copy of every counter, for a metrics system to publish. */
  Snapshot snapshot();

  /**
   * One reading of the counters.
   *
   * @param openConnections gauge: connections open now (refused ones excluded)
   * @param pendingHandshakes gauge: open connections that have not authenticated yet
   * @param refusedConnections connections refused by a connection cap (overall, handshakes overall
   *     or per address, or per application)
   * @param blocksServed blocks whose header and bytes were handed to the network
   * @param bytesServed block bytes handed to the network
   * @param bytesInFlight gauge: block bytes handed to the network and not yet sent
   * @param authFailures handshakes refused: unknown application, wrong secret, bad version
   * @param errors error frames sent for any other reason (missing files, bad requests, ...)
   * @param registeredApplications gauge: applications with a secret
   * @param registeredExecutors gauge: executors registered over all applications
   * @param indexCacheBytes gauge: estimated memory held by the index cache
   * @param directBufferBytes gauge: direct memory held by the server's buffer pool
   * @param heapBufferBytes gauge: heap memory held by the server's buffer pool
   */
  record Snapshot(
      long openConnections,
      long pendingHandshakes,
      long refusedConnections,
      long blocksServed,
      long bytesServed,
      long bytesInFlight,
      long authFailures,
      long errors,
      long registeredApplications,
      long registeredExecutors,
      long indexCacheBytes,
      long directBufferBytes,
      long heapBufferBytes) {}
}
