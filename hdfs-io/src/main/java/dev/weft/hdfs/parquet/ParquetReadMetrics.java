package dev.weft.hdfs.parquet;

import java.io.Serializable;

/**
 * The counters of one {@link ParquetSplitReader}, a snapshot. Row groups are counted among those
 * the split owns (whose midpoint lies in its byte range); once the reader is exhausted, {@code
 * rowGroupsRead + rowGroupsSkipped == rowGroupsInSplit}.
 *
 * @param recordsReturned the records the reader returned
 * @param bytesRead the bytes read from the file: footer, dictionaries and indexes used for
 *     filtering, and the column chunks of the row groups read
 * @param rowGroupsInSplit the row groups the split owns
 * @param rowGroupsRead the row groups whose data pages were read
 * @param rowGroupsSkipped the row groups the predicate ruled out by their statistics, dictionaries,
 *     bloom filters or page indexes, without reading their data pages
 */
public record ParquetReadMetrics(
    long recordsReturned,
    long bytesRead,
    int rowGroupsInSplit,
    int rowGroupsRead,
    int rowGroupsSkipped)
    implements Serializable {}
