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
    super(message, cause);
    this.shuffleId = shuffleId;
    this.mapId = mapId;
    this.reduceId = reduceId;
    this.executorId = executorId;
    this.host = host;
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
}
