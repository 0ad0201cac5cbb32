package dev.weft.hdfs.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Plans the input of a line-oriented format such as text: {@link FileSplit}s, and {@link
 * InputPartition}s that pack small splits together.
 *
 * <p>Input paths may name files, directories (their files; subdirectories only when {@link
 * #withRecursive recursive}) or globs. Hidden entries ({@code _*}, {@code .*}) are skipped. An
 * uncompressed file, or one compressed with a splittable codec (bzip2), is cut into splits of at
 * most the {@link #withMaxSplitSize maximum split size}, smaller when that is needed to reach the
 * requested minimum number of splits; a file compressed with another codec (gzip, zstd, ...) is one
 * whole-file split, because it can only be decompressed from its first byte; an empty file has no
 * split. Each split carries the hosts and racks of the block that holds most of its bytes, as the
 * file system reports them (the engine canonicalises host names).
 *
 * <p>{@link #planPartitions} then packs consecutive splits into partitions of at most the maximum
 * split size, counting each split as its length plus the {@link #withOpenCost open cost}, so that
 * ten thousand tiny files make a few hundred partitions rather than ten thousand tasks.
 *
 * <p>Instances are immutable; the {@code with*} methods return modified copies.
 *
 * <pre>{@code
 * SplitPlanner planner = new SplitPlanner(hadoopConf).withMaxSplitSize(64L << 20);
 * List<InputPartition> partitions = planner.planPartitions(List.of("hdfs:///logs/2024-*"), 8);
 * // partition i is task i; partitions.get(i).hosts() are its preferred hosts
 * }</pre>
 */
public final class SplitPlanner {
  /** The default maximum split size: 128 MiB, the default HDFS block size. */
  public static final long DEFAULT_MAX_SPLIT_SIZE = 128L << 20;

  /** The default cost of opening a file, in bytes of reading: 4 MiB. */
  public static final long DEFAULT_OPEN_COST = 4L << 20;

  /** The most hosts (and racks) an {@link InputPartition} prefers. */
  public static final int MAX_PREFERRED_LOCATIONS = 3;

  private static final Logger LOG = LogManager.getLogger(SplitPlanner.class);

  private final Configuration conf;
  private final long maxSplitSize;
  private final long openCost;
  private final boolean recursive;

  /**
   * A planner with the default maximum split size and open cost that does not descend into
   * subdirectories.
   *
   * @param conf the Hadoop configuration used to reach the file systems and to find codecs
   */
  public SplitPlanner(Configuration conf) {
    this(conf, DEFAULT_MAX_SPLIT_SIZE, DEFAULT_OPEN_COST, false);
  }

  private SplitPlanner(Configuration conf, long maxSplitSize, long openCost, boolean recursive) {
    this.conf = conf;
    this.maxSplitSize = maxSplitSize;
    this.openCost = openCost;
    this.recursive = recursive;
  }

  /**
   * A copy of this planner whose splits, and partitions of several splits, hold at most {@code
   * bytes} bytes (at least 1).
   */
  public SplitPlanner withMaxSplitSize(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("Maximum split size must be at least 1 byte: " + bytes);
    }
    return new SplitPlanner(conf, bytes, openCost, recursive);
  }

  /**
   * A copy of this planner that counts opening a file as reading {@code bytes} bytes when it packs
   * splits into partitions (at least 0; 0 packs by length alone).
   */
  public SplitPlanner withOpenCost(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("Open cost must not be negative: " + bytes);
    }
    return new SplitPlanner(conf, maxSplitSize, bytes, recursive);
  }

  /** A copy of this planner that reads the files of subdirectories of input directories too. */
  public SplitPlanner withRecursive(boolean recursive) {
    return new SplitPlanner(conf, maxSplitSize, openCost, recursive);
  }

  /** The largest split this planner makes, in bytes. */
  public long maxSplitSize() {
    return maxSplitSize;
  }

  /** The cost of opening a file, in bytes, that packing adds to each split. */
  public long openCost() {
    return openCost;
  }

  /**
   * Plans the splits of one input path; see {@link #plan(List, int)}.
   *
   * @throws dev.weft.hdfs.UserPathException if the path does not exist or a glob matches nothing
   */
  public List<FileSplit> plan(String path, int minSplits) throws IOException {
    return plan(List.of(path), minSplits);
  }

  /**
   * Plans the splits of the given input paths, in the order of the paths and, within a directory,
   * of the file names.
   *
   * @param paths files, directories or globs, as URIs or paths of the default file system
   * @param minSplits the least number of splits wanted (at least 1); honoured as far as the input
   *     allows: whole-file splits cannot be cut and no split is smaller than one byte
   * @throws dev.weft.hdfs.UserPathException if a path does not exist or a glob matches nothing
   */
  public List<FileSplit> plan(List<String> paths, int minSplits) throws IOException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("No input paths given");
    }
    if (minSplits < 1) {
      throw new IllegalArgumentException(
          "Minimum number of splits must be at least 1: " + minSplits);
    }
    InputFiles lister = new InputFiles(conf, recursive);
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    List<InputFile> files = new ArrayList<>();
    long splittableBytes = 0;
    int wholeFiles = 0;
    for (String path : paths) {
      for (FileStatus status : lister.list(path)) {
        if (status.getLen() == 0) {
          continue;
        }
        CompressionCodec codec = codecs.getCodec(status.getPath());
        boolean whole = codec != null && !(codec instanceof SplittableCompressionCodec);
        files.add(new InputFile(status, whole));
        if (whole) {
          wholeFiles++;
        } else {
          splittableBytes += status.getLen();
        }
      }
    }
    long splitSize = splitSize(splittableBytes, minSplits - wholeFiles);
    List<FileSplit> splits = new ArrayList<>();
    for (InputFile file : files) {
      cut(file.status(), file.whole() ? 0 : splitSize, splits);
    }
    LOG.info(
        "Planned {} splits of at most {} bytes over {} files ({} bytes splittable, {} whole) for {}",
        splits.size(),
        splitSize,
        files.size(),
        splittableBytes,
        wholeFiles,
        paths);
    return splits;
  }

  /** Plans the partitions of one input path; see {@link #planPartitions(List, int)}. */
  public List<InputPartition> planPartitions(String path, int minPartitions) throws IOException {
    return planPartitions(List.of(path), minPartitions);
  }

  /**
   * Plans the input partitions of the given paths: the {@link #plan splits}, packed in order into
   * partitions that weigh at most the maximum split size, each split weighing its length plus the
   * open cost. The target weight shrinks (down to one byte) when that is needed for {@code
   * minPartitions} partitions. Every split of the plan is in exactly one partition, and reading the
   * partitions in order reads the files in the order of {@link #plan}.
   *
   * <p>With {@code n} splits of total length {@code L}, maximum split size {@code M} and open cost
   * {@code C}, and splits much smaller than {@code M}, there are about {@code (L + n*C) / M}
   * partitions; at most {@code (L + n*C) / (M - heaviest split weight) + 1}.
   *
   * @param minPartitions the least number of partitions wanted (at least 1), honoured as far as the
   *     input allows
   * @throws dev.weft.hdfs.UserPathException if a path does not exist or a glob matches nothing
   */
  public List<InputPartition> planPartitions(List<String> paths, int minPartitions)
      throws IOException {
    List<FileSplit> splits = plan(paths, minPartitions);
    long totalWeight = 0;
    for (FileSplit split : splits) {
      totalWeight += split.length() + openCost;
    }
    long target = Math.max(1, Math.min(maxSplitSize, totalWeight / minPartitions));
    List<InputPartition> partitions =
        new PartitionPacker(target, openCost, MAX_PREFERRED_LOCATIONS).pack(splits);
    LOG.info(
        "Packed {} splits into {} partitions of at most {} bytes (open cost {}) for {}",
        splits.size(),
        partitions.size(),
        target,
        openCost,
        paths);
    return partitions;
  }

  /**
   * The split size that cuts {@code bytes} into at least {@code wantedSplits} splits, capped by the
   * maximum split size.
   */
  private long splitSize(long bytes, int wantedSplits) {
    long goal = bytes / Math.max(1, wantedSplits);
    return Math.max(1, Math.min(maxSplitSize, goal));
  }

  /** Appends the splits of {@code file}; a split size of 0 makes one whole-file split. */
  private void cut(FileStatus file, long splitSize, List<FileSplit> splits) throws IOException {
    // Path's string form, unlike toUri().toString(), reads back through new Path(String) intact.
    String uri = file.getPath().toString();
    long length = file.getLen();
    BlockLocation[] blocks = blockLocations(file);
    if (splitSize == 0) {
      splits.add(split(uri, blocks, 0, length, true));
      return;
    }
    for (long offset = 0; offset < length; offset += splitSize) {
      splits.add(split(uri, blocks, offset, Math.min(splitSize, length - offset), false));
    }
  }

  private static FileSplit split(
      String uri, BlockLocation[] blocks, long start, long length, boolean whole)
      throws IOException {
    return new FileSplit(
        uri,
        start,
        length,
        BlockPlacement.hostsOf(blocks, start, length),
        BlockPlacement.racksOf(blocks, start, length),
        whole);
  }

  private BlockLocation[] blockLocations(FileStatus file) throws IOException {
    if (file instanceof LocatedFileStatus located && located.getBlockLocations() != null) {
      return located.getBlockLocations();
    }
    FileSystem fs = file.getPath().getFileSystem(conf);
    BlockLocation[] blocks = fs.getFileBlockLocations(file, 0, file.getLen());
    return blocks == null ? new BlockLocation[0] : blocks;
  }

  /** A non-empty input file and whether it must be read whole. */
  private record InputFile(FileStatus status, boolean whole) {}
}
