package dev.weft.hdfs.parquet;

import dev.weft.hdfs.input.FileSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Planning helpers for Parquet input: a file's footer (schema, row groups) and splits cut at row
 * group boundaries.
 *
 * <p>Any byte-range split of a Parquet file is correct, since a {@link ParquetSplitReader} reads
 * the row groups whose midpoint lies in its range; splits cut at row group starts, as {@link
 * #planSplits} makes them, also read no row group of their neighbours' and put no empty splits on
 * the schedule.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Reads the footer of a file.
   *
   * @param path the file, as a URI or a path of the default file system
   * @throws java.io.FileNotFoundException if the file does not exist
   * @throws dev.weft.hdfs.CorruptFileException if it is not Parquet, is truncated or its footer is
   *     damaged
   */
  public static ParquetFileInfo readInfo(String path, Configuration conf) throws IOException {
    InputFile file = Footers.inputFile(path, conf);
    ParquetMetadata footer;
    try (SeekableInputStream stream = file.newStream()) {
      footer =
          Footers.read(file, HadoopReadOptions.builder(conf, new Path(path)).build(), stream, path);
    }
    FileMetaData meta = footer.getFileMetaData();
    List<ParquetFileInfo.RowGroup> rowGroups = new ArrayList<>();
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rowGroups.add(
          new ParquetFileInfo.RowGroup(
              block.getStartingPos(), block.getCompressedSize(), block.getRowCount()));
      rows += block.getRowCount();
    }
    return new ParquetFileInfo(
        path, file.getLength(), rows, meta.getSchema(), ParquetSchemas.avroSchema(meta), rowGroups);
  }

  /**
   * Cuts a file into splits of whole row groups: each split starts where one of its row groups
   * starts (the first at 0) and ends where the next split starts (the last at the file's end), and
   * holds consecutive row groups whose size adds up to at most {@code maxSplitSize}, or a single
   * larger row group. A file without row groups has no split.
   *
   * @param maxSplitSize the size aimed at, in bytes, at least 1
   * @return splits with the hosts of the HDFS block holding most of each one's bytes
   */
  public static List<FileSplit> planSplits(String path, long maxSplitSize, Configuration conf)
      throws IOException {
    ParquetFileInfo info = readInfo(path, conf);
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(conf);
    FileStatus status = fs.getFileStatus(file);
    BlockLocation[] blocks = fs.getFileBlockLocations(status, 0, status.getLen());
    List<FileSplit> splits = new ArrayList<>();
    for (long[] range : splitRanges(info.rowGroups(), info.length(), maxSplitSize)) {
      long length = range[1] - range[0];
      splits.add(
          new FileSplit(
              status.getPath().toString(),
              range[0],
              length,
              hostsOf(blocks, range[0], length),
              false));
    }
    return splits;
  }

  /**
   * The byte ranges {@link #planSplits} makes, as {@code [start, end)} pairs.
   *
   * @param rowGroups the file's row groups, in file order
   * @param fileLength the file's length
   * @param maxSplitSize the size aimed at, at least 1
   */
  static List<long[]> splitRanges(
      List<ParquetFileInfo.RowGroup> rowGroups, long fileLength, long maxSplitSize) {
    if (maxSplitSize < 1) {
      throw new IllegalArgumentException(
          "Maximum split size must be at least 1 byte: " + maxSplitSize);
    }
    List<Long> starts = new ArrayList<>();
    long size = 0;
    for (ParquetFileInfo.RowGroup rowGroup : rowGroups) {
      if (starts.isEmpty() || size + rowGroup.compressedSize() > maxSplitSize) {
        starts.add(starts.isEmpty() ? 0 : rowGroup.start());
        size = 0;
      }
      size += rowGroup.compressedSize();
    }
    List<long[]> ranges = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      long end = i + 1 < starts.size() ? starts.get(i + 1) : fileLength;
      ranges.add(new long[] {starts.get(i), end});
    }
    return ranges;
  }

  private static String[] hostsOf(BlockLocation[] blocks, long start, long length)
      throws IOException {
    BlockLocation best = null;
    long bestOverlap = 0;
    for (BlockLocation block : blocks == null ? new BlockLocation[0] : blocks) {
      long overlap =
          Math.min(start + length, block.getOffset() + block.getLength())
              - Math.max(start, block.getOffset());
      if (overlap > bestOverlap) {
        best = block;
        bestOverlap = overlap;
      }
    }
    return best == null ? new String[0] : best.getHosts();
  }
}
