package dev.weft.hdfs.input;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.MiniHdfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Specification of split planning and text reading on HDFS: block boundaries, the hosts and racks
 * HDFS reports, and packing many small files.
 */
public class HdfsInputIT {
  private static final Logger LOG = LogManager.getLogger(HdfsInputIT.class);
  private static final int MIB = 1 << 20;
  private static final String[] RACKS = {"/rack-a", "/rack-b"};

  private static MiniHdfs hdfs;

  @BeforeClass
  public static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(HdfsInputIT.class, RACKS);
  }

  @AfterClass
  public static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  public void everyLineIsReadExactlyOnceWhenLinesCrossEveryBlockBoundary() throws IOException {
    List<String> lines = linesCrossingEveryBoundary(5 * MIB + 12_345, MIB);
    Path file = hdfs.writeFile("/text/crossing.txt", text(lines), MIB);
    assertEquals(6, blocks(file).length);

    for (long maxSplitSize : new long[] {MIB, 300_000, 7 * MIB}) {
      List<FileSplit> splits = planner().withMaxSplitSize(maxSplitSize).plan(file.toString(), 1);
      assertEquals("split size " + maxSplitSize, lines, readAll(splits));
    }
  }

  @Test
  public void splitsCarryTheHostsAndRacksHdfsReportsForTheirBlocks() throws IOException {
    List<String> lines = linesCrossingEveryBoundary(3 * MIB, MIB);
    Path file = hdfs.writeFile("/text/placed.txt", text(lines), MIB);
    BlockLocation[] blocks = blocks(file);

    List<FileSplit> splits = planner().withMaxSplitSize(MIB).plan(file.toString(), 1);

    assertEquals(blocks.length, splits.size());
    for (int i = 0; i < splits.size(); i++) {
      FileSplit split = splits.get(i);
      assertEquals(blocks[i].getOffset(), split.start());
      assertArrayEquals(
          split.toString(),
          new LinkedHashSet<>(List.of(blocks[i].getHosts())).toArray(new String[0]),
          split.hosts());
      // MiniDFSCluster's DataNodes all report the loopback address; the engine canonicalises.
      assertArrayEquals(new String[] {"127.0.0.1"}, split.hosts());
      assertEquals(split.toString(), racksOf(blocks[i]), new TreeSet<>(List.of(split.racks())));
      assertEquals(Set.of(RACKS), new TreeSet<>(List.of(split.racks())));
    }
    for (InputPartition partition :
        planner().withMaxSplitSize(MIB).planPartitions(file.toString(), 1)) {
      assertArrayEquals(new String[] {"127.0.0.1"}, partition.hosts());
      assertEquals(Set.of(RACKS), new TreeSet<>(List.of(partition.racks())));
    }
  }

  @Test
  public void tenThousandSmallFilesMakeABoundedNumberOfPartitionsCoveringEachFileOnce()
      throws IOException {
    int count = 10_000;
    long started = System.nanoTime();
    long totalBytes = 0;
    for (int i = 0; i < count; i++) {
      byte[] data = ("file " + i + "\n").repeat(1 + i % 5).getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = hdfs.fs().create(new Path(hdfs.path("/small"), name(i)), false)) {
        out.write(data);
      }
      totalBytes += data.length;
    }
    LOG.info(
        "Created {} files on HDFS in {} ms",
        count,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

    SplitPlanner planner = planner();
    List<InputPartition> partitions = planner.planPartitions(hdfs.path("/small").toString(), 2);

    long heaviest = 5 * ("file 9999\n".length()) + planner.openCost();
    long totalWeight = totalBytes + count * planner.openCost();
    long bound = totalWeight / (planner.maxSplitSize() - heaviest) + 1;
    assertTrue(partitions.size() + " partitions, bound " + bound, partitions.size() <= bound);
    // 128 MiB / (4 MiB + a few bytes) = 31 files a partition.
    assertEquals((count + 30) / 31, partitions.size());
    List<String> names = new ArrayList<>();
    for (InputPartition partition : partitions) {
      partition.splits().forEach(s -> names.add(new Path(s.path()).getName()));
      assertArrayEquals(new String[] {"127.0.0.1"}, partition.hosts());
    }
    assertEquals(count, names.size());
    assertEquals(count, new HashSet<>(names).size());
    assertEquals(name(0), names.get(0));
    assertEquals(name(count - 1), names.get(count - 1));
  }

  /**
   * Lines of varied length, about {@code size} bytes in all, such that no block boundary falls
   * right after a line end: every boundary cuts a line.
   */
  private static List<String> linesCrossingEveryBoundary(int size, int blockSize) {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    long written = 0;
    while (written < size) {
      StringBuilder line = new StringBuilder("line ").append(lines.size()).append(' ');
      int length = random.nextInt(4000);
      while (line.length() < length) {
        line.append((char) ('a' + random.nextInt(26)));
      }
      long end = written + line.length() + 1;
      if (end % blockSize == 0) {
        line.append('x');
        end++;
      }
      lines.add(line.toString());
      written = end;
    }
    return lines;
  }

  private static byte[] text(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String line : lines) {
      bytes.write(line.getBytes(StandardCharsets.UTF_8));
      bytes.write('\n');
    }
    byte[] data = bytes.toByteArray();
    for (int boundary = MIB; boundary < data.length; boundary += MIB) {
      assertNotEquals("boundary " + boundary + " cuts a line", '\n', data[boundary - 1]);
    }
    return data;
  }

  private static BlockLocation[] blocks(Path file) throws IOException {
    FileStatus status = hdfs.fs().getFileStatus(file);
    return hdfs.fs().getFileBlockLocations(status, 0, status.getLen());
  }

  /** The racks of a block's replicas: its topology paths without the DataNode part. */
  private static Set<String> racksOf(BlockLocation block) throws IOException {
    Set<String> racks = new TreeSet<>();
    for (String path : block.getTopologyPaths()) {
      racks.add(path.substring(0, path.lastIndexOf('/')));
    }
    return racks;
  }

  private static List<String> readAll(List<FileSplit> splits) throws IOException {
    List<String> read = new ArrayList<>();
    for (FileSplit split : splits) {
      try (TextSplitReader reader = new TextSplitReader(split, hdfs.conf())) {
        reader.forEachRemaining(read::add);
      }
    }
    return read;
  }

  private static SplitPlanner planner() {
    return new SplitPlanner(hdfs.conf());
  }

  private static String name(int i) {
    return String.format("f-%05d.txt", i);
  }
}
