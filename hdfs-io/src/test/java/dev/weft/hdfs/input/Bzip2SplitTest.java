package dev.weft.hdfs.input;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of reading a bzip2 file in splits: it is cut like an uncompressed file, and every
 * line is read exactly once, in order, wherever the cuts fall relative to compression blocks.
 */
public class Bzip2SplitTest {
  @ClassRule public static final TemporaryFolder tmp = new TemporaryFolder();

  private static final Configuration conf = new Configuration();
  private static List<String> lines;
  private static File file;
  private static List<Long> blockOffsets;

  @BeforeClass
  public static void writeFile() throws IOException {
    lines = Bzip2Files.lines(42, 2500);
    file = new File(tmp.getRoot(), "lines.txt.bz2");
    try (OutputStream out = Files.newOutputStream(file.toPath())) {
      Bzip2Files.write(out, lines);
    }
    blockOffsets = Bzip2Files.blockOffsets(Files.readAllBytes(file.toPath()));
  }

  @Test
  public void testFileHasManyCompressionBlocks() {
    assertTrue("blocks at " + blockOffsets, blockOffsets.size() >= 5);
  }

  @Test
  public void bzip2FileIsCutIntoRangeSplits() throws IOException {
    List<FileSplit> splits = planner(file.length() / 4 + 1).plan(uri(), 1);
    assertEquals(4, splits.size());
    splits.forEach(split -> assertFalse(split.toString(), split.wholeFile()));
    assertEquals(file.length(), splits.get(3).end());
  }

  @Test
  public void everyLineIsReadExactlyOnceWhateverTheSplitSize() throws IOException {
    for (long size : new long[] {10_000, 33_333, file.length() / 3, file.length()}) {
      assertEquals("split size " + size, lines, readAll(planner(size).plan(uri(), 1)));
    }
  }

  @Test
  public void everyLineIsReadExactlyOnceWhenACutFallsNearABlockStart() throws IOException {
    for (long offset : blockOffsets) {
      // The 6-byte magic number starts somewhere in byte `offset`.
      for (long cut = Math.max(1, offset - 1); cut <= offset + 7; cut++) {
        List<FileSplit> splits =
            List.of(
                new FileSplit(uri(), 0, cut, null, false),
                new FileSplit(uri(), cut, file.length() - cut, null, false));
        assertEquals("cut at " + cut + ", block at " + offset, lines, readAll(splits));
      }
    }
  }

  @Test
  public void wholeFileSplitReadsEveryLine() throws IOException {
    assertEquals(lines, readAll(List.of(new FileSplit(uri(), 0, file.length(), null, true))));
  }

  @Test
  public void partitionReaderReadsItsSplitsInOrder() throws IOException {
    List<InputPartition> partitions =
        new SplitPlanner(conf).withMaxSplitSize(20_000).withOpenCost(0).planPartitions(uri(), 5);
    assertTrue("got " + partitions.size(), partitions.size() >= 5);
    List<String> read = new ArrayList<>();
    long bytes = 0;
    for (InputPartition partition : partitions) {
      try (TextPartitionReader reader = new TextPartitionReader(partition, conf)) {
        reader.forEachRemaining(read::add);
        bytes += reader.bytesRead();
      }
    }
    assertEquals(lines, read);
    assertTrue("read " + bytes + " compressed bytes", bytes >= file.length());
  }

  private static SplitPlanner planner(long maxSplitSize) {
    return new SplitPlanner(conf).withMaxSplitSize(maxSplitSize);
  }

  private static List<String> readAll(List<FileSplit> splits) throws IOException {
    List<String> read = new ArrayList<>();
    for (FileSplit split : splits) {
      try (TextSplitReader reader = new TextSplitReader(split, conf)) {
        reader.forEachRemaining(read::add);
      }
    }
    return read;
  }

  private static String uri() {
    return file.toURI().toString();
  }
}
