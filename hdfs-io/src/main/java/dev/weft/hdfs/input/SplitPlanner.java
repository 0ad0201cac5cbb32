package dev.weft.hdfs.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Plans the {@link FileSplit}s of a line-oriented input such as text.
 *
 * <p>Input paths may name files, directories (their files; subdirectories only when {@link
 * #withRecursive recursive}) or globs. Hidden entries ({@code _*}, {@code .*}) are skipped. An
 * uncompressed file is cut into splits of at most the {@link #withMaxSplitSize maximum split size},
 * smaller when that is needed to reach the requested minimum number of splits; a compressed file is
 * one whole-file split, because its codec is read from the first byte; an empty file has no split.
 * Each split carries the hosts of the block that holds most of its bytes.
 *
 * <p>Instances are immutable; the {@code with*} methods return modified copies.
 *
 * <pre>{@code
 * List<FileSplit> splits =
 *     new SplitPlanner(hadoopConf).withMaxSplitSize(64L << 20).plan(List.of("hdfs:///logs/2024-*"), 8);
 * }</pre>
 */
public final class SplitPlanner {
  /** The default maximum split size: 128 MiB, the default HDFS block size. */
  public static final long DEFAULT_MAX_SPLIT_SIZE = 128L << 20;

  private static final Logger LOG = LogManager.getLogger(SplitPlanner.class);

  private final Configuration conf;
  private final long maxSplitSize;
  private final boolean recursive;

  /**
   * A planner with the default maximum split size that does not descend into subdirectories.
   *
   * @param conf the Hadoop configuration used to reach the file systems and to find codecs
   */
  public SplitPlanner(Configuration conf) {
    this(conf, DEFAULT_MAX_SPLIT_SIZE, false);
  }

  private SplitPlanner(Configuration conf, long maxSplitSize, boolean recursive) {
    this.conf = conf;
    this.maxSplitSize = maxSplitSize;
    this.recursive = recursive;
  }

  /** A copy of this planner whose splits hold at most {@code bytes} bytes (at least 1). */
  public SplitPlanner withMaxSplitSize(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("Maximum split size must be at least 1 byte: " + bytes);
    }
    return new SplitPlanner(conf, bytes, recursive);
  }

  /** A copy of this planner that reads the files of subdirectories of input directories too. */
  public SplitPlanner withRecursive(boolean recursive) {
    return new SplitPlanner(conf, maxSplitSize, recursive);
  }

  /** The largest split this planner makes, in bytes. */
  public long maxSplitSize() {
    return maxSplitSize;
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
        boolean whole = codecs.getCodec(status.getPath()) != null;
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
      splits.add(new FileSplit(uri, 0, length, hostsOf(blocks, 0, length), true));
      return;
    }
    for (long offset = 0; offset < length; offset += splitSize) {
      long size = Math.min(splitSize, length - offset);
      splits.add(new FileSplit(uri, offset, size, hostsOf(blocks, offset, size), false));
    }
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

  /** The hosts of the block that holds the most bytes of the range; empty if none does. */
  static String[] hostsOf(BlockLocation[] blocks, long start, long length) throws IOException {
    long end = start + length;
    BlockLocation best = null;
    long bestOverlap = 0;
    for (BlockLocation block : blocks) {
      long overlap =
          Math.min(end, block.getOffset() + block.getLength()) - Math.max(start, block.getOffset());
      if (overlap > bestOverlap) {
        best = block;
        bestOverlap = overlap;
      }
    }
    return best == null ? new String[0] : best.getHosts();
  }
}
