package dev.weft.core.runtime;

/**
 * A reduce task could not read a map output block. The driver marks that map output lost and
 * recomputes it from lineage instead of retrying the reduce task as is.
 */
public final class FetchFailedException extends RuntimeException {
  private final int shuffleId;
  private final int mapId;
  private final int reduceId;
  private final String executorId;
  private final String host;
  private final boolean serviceUnreachable;

  /**
   * @param mapId the map output that failed, or -1 when the locations themselves are missing
   */
  public FetchFailedException(
      int shuffleId,
      int mapId,
      int reduceId,
      String executorId,
      String host,
      String message,
      Throwable cause) {
    this(shuffleId, mapId, reduceId, executorId, host, message, cause, false);
  }

  /**
   * @param serviceUnreachable whether the shuffle service that serves the map output could not be
   *     reached at all, so that every map output it serves is lost
   */
  public FetchFailedException(
      int shuffleId,
      int mapId,
      int reduceId,
      String executorId,
      String host,
      String message,
      Throwable cause,
      boolean serviceUnreachable) {
    super(message, cause);
    this.shuffleId = shuffleId;
    this.mapId = mapId;
    this.reduceId = reduceId;
    this.executorId = executorId;
    this.host = host;
    this.serviceUnreachable = serviceUnreachable;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapId() {
    return mapId;
  }

  public int reduceId() {
    return reduceId;
  }

  public String executorId() {
    return executorId;
  }

  public String host() {
    return host;
  }

  /** Whether the map output's shuffle service could not be reached at all. */
  public boolean serviceUnreachable() {
    return serviceUnreachable;
  }
}
