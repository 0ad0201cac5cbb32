package dev.weft.core.runtime;

/** Where the map outputs of a shuffle are, as the driver knows them; asked by reduce tasks. */
public interface MapOutputSource {
  /**
   * The status of every map output of {@code shuffleId}, indexed by map id; an entry is null when
   * that output is lost (a reader then fails with a {@link FetchFailedException}).
   */
  MapStatus[] statuses(int shuffleId);
}
