package dev.weft.hdfs.input;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import dev.weft.hdfs.MiniHdfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Specification of split planning and text reading on HDFS: block boundaries, and the hosts and
 * racks HDFS reports. (With racks configured, MiniDFSCluster names its DataNodes {@code
 * host0.foo.com}, {@code host1.foo.com}; without, both report {@code 127.0.0.1}.)
 *
 * <p>Packing ten thousand small files is specified on the local file system ({@link
 * InputPartitionPlanningTest}): creating them on MiniDFSCluster took over six minutes here.
 */
public class HdfsInputIT {
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
      // HDFS orders a block's replicas anew for every call: compare them as sets.
      assertEquals(split.toString(), Set.of(blocks[i].getHosts()), Set.of(split.hosts()));
      assertEquals(split.toString(), racksOf(blocks[i]), Set.of(split.racks()));
      assertEquals(Set.of(RACKS), Set.of(split.racks()));
    }
    Set<String> dataNodeHosts = Set.of(blocks[0].getHosts());
    assertEquals("one replica on each DataNode", MiniHdfs.DATA_NODES, dataNodeHosts.size());
    for (InputPartition partition :
        planner().withMaxSplitSize(MIB).planPartitions(file.toString(), 1)) {
      // Both DataNodes hold all bytes; ties are ordered by name.
      assertArrayEquals(new TreeSet<>(dataNodeHosts).toArray(), partition.hosts());
      assertArrayEquals(RACKS, partition.racks());
    }
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
}
