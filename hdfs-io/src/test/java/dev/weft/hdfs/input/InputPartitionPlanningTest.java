package dev.weft.hdfs.input;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of packing splits into {@link InputPartition}s and of their preferred places. */
public class InputPartitionPlanningTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  @Test
  public void smallFilesArePackedUpToTheMaximumCountingTheOpenCost() throws IOException {
    File dir = smallFiles(100, 10);
    List<InputPartition> partitions =
        new SplitPlanner(conf).withMaxSplitSize(100).withOpenCost(10).planPartitions(uri(dir), 1);

    // Each file weighs 10 bytes + 10 bytes of open cost: five fit in 100 bytes.
    assertEquals(20, partitions.size());
    partitions.forEach(p -> assertEquals(p.toString(), 5, p.splits().size()));
    assertEquals(fileNames(100), namesInOrder(partitions));
  }

  @Test
  public void defaultOpenCostIsFourMebibytes() throws IOException {
    assertEquals(4L << 20, new SplitPlanner(conf).openCost());
    File dir = smallFiles(100, 10);
    List<InputPartition> partitions = new SplitPlanner(conf).planPartitions(uri(dir), 1);
    // 128 MiB / (4 MiB + 10 bytes) = 31 files a partition.
    assertEquals(4, partitions.size());
    assertEquals(31, partitions.get(0).splits().size());
    assertEquals(fileNames(100), namesInOrder(partitions));
  }

  /** On the local file system: creating 10,000 files on MiniDFSCluster takes minutes. */
  @Test
  public void tenThousandSmallFilesMakeABoundedNumberOfPartitionsCoveringEachFileOnce()
      throws IOException {
    int count = 10_000;
    File dir = tmp.newFolder("many");
    long totalBytes = 0;
    for (String name : fileNames(count)) {
      String text = name + "\n";
      write(dir, name, text);
      totalBytes += text.length();
    }
    SplitPlanner planner = new SplitPlanner(conf);

    List<InputPartition> partitions = planner.planPartitions(uri(dir), 2);

    long heaviest = "f-00000.txt\n".length() + planner.openCost();
    long totalWeight = totalBytes + count * planner.openCost();
    long bound = totalWeight / (planner.maxSplitSize() - heaviest) + 1;
    assertTrue(partitions.size() + " partitions, bound " + bound, partitions.size() <= bound);
    // 128 MiB / (4 MiB + 12 bytes) = 31 files a partition.
    assertEquals((count + 30) / 31, partitions.size());
    assertEquals(fileNames(count), namesInOrder(partitions));
  }

  @Test
  public void splitsOfALargeFileAreOnePartitionEach() throws IOException {
    File file = write(tmp.getRoot(), "big.txt", "x".repeat(1000));
    List<InputPartition> partitions =
        new SplitPlanner(conf).withMaxSplitSize(100).withOpenCost(1).planPartitions(uri(file), 1);
    assertEquals(10, partitions.size());
    partitions.forEach(p -> assertEquals(1, p.splits().size()));
  }

  @Test
  public void minimumNumberOfPartitionsShrinksThePartitions() throws IOException {
    File dir = smallFiles(100, 10);
    List<InputPartition> partitions =
        new SplitPlanner(conf).withOpenCost(0).planPartitions(uri(dir), 8);
    assertTrue("got " + partitions.size(), partitions.size() >= 8);
    assertEquals(fileNames(100), namesInOrder(partitions));
  }

  @Test
  public void preferredHostsAreThoseHoldingMostBytesMostFirstAtMostThree() {
    List<FileSplit> splits =
        List.of(
            split("a", 100, new String[] {"h1", "h2"}, new String[] {"/r1"}),
            split("b", 50, new String[] {"h3", "h2"}, new String[] {"/r2", "/r1"}),
            split("c", 10, new String[] {"h4", "h1"}, new String[] {"/r2"}),
            split("d", 5, new String[] {"h5"}, new String[0]));

    InputPartition partition = new PartitionPacker(1_000, 0, 3).pack(splits).get(0);

    // h1: 110, h2: 150, h3: 50, h4: 10, h5: 5; r1: 150, r2: 60.
    assertArrayEquals(new String[] {"h2", "h1", "h3"}, partition.hosts());
    assertArrayEquals(new String[] {"/r1", "/r2"}, partition.racks());
    assertEquals(165, partition.length());
  }

  @Test
  public void partitionWithoutKnownHostsPrefersNone() {
    InputPartition partition =
        new PartitionPacker(1_000, 0, 3).pack(List.of(split("a", 10, null, null))).get(0);
    assertArrayEquals(new String[0], partition.hosts());
    assertArrayEquals(new String[0], partition.racks());
  }

  @Test
  public void racksComeFromTopologyPathsWithoutTheDefaultRack() throws IOException {
    BlockLocation[] blocks = {
      new BlockLocation(
          new String[] {"10.0.0.1:9866", "10.0.0.2:9866", "10.0.0.3:9866"},
          new String[] {"dn1", "dn2", "dn3"},
          new String[] {"/dc/r1/10.0.0.1:9866", "/dc/r2/10.0.0.2:9866", "/dc/r1/10.0.0.3:9866"},
          0,
          100),
      new BlockLocation(
          new String[] {"10.0.0.4:9866"},
          new String[] {"dn4"},
          new String[] {"/default-rack/10.0.0.4:9866"},
          100,
          100),
    };
    assertArrayEquals(new String[] {"/dc/r1", "/dc/r2"}, BlockPlacement.racksOf(blocks, 0, 100));
    assertArrayEquals(new String[] {"dn1", "dn2", "dn3"}, BlockPlacement.hostsOf(blocks, 0, 100));
    assertArrayEquals(new String[0], BlockPlacement.racksOf(blocks, 100, 100));
    assertArrayEquals(
        "blocks without topology have no racks",
        new String[0],
        BlockPlacement.racksOf(
            new BlockLocation[] {new BlockLocation(null, new String[] {"h"}, 0, 10)}, 0, 10));
  }

  @Test
  public void hostsReportedTwiceAreListedOnce() throws IOException {
    BlockLocation[] blocks = {
      new BlockLocation(
          new String[] {"127.0.0.1:1", "127.0.0.1:2"},
          new String[] {"127.0.0.1", "127.0.0.1"},
          0,
          10)
    };
    assertArrayEquals(new String[] {"127.0.0.1"}, BlockPlacement.hostsOf(blocks, 0, 10));
  }

  @Test
  public void partitionIsSerializableComparedByValueAndNeverEmpty() throws Exception {
    InputPartition partition =
        new InputPartition(
            List.of(split("a", 10, new String[] {"h1"}, new String[] {"/r1"})),
            new String[] {"h1"},
            new String[] {"/r1"});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(partition);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertEquals(partition, copy);
    assertEquals(partition.hashCode(), copy.hashCode());
    assertThrows(IllegalArgumentException.class, () -> new InputPartition(List.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> new SplitPlanner(conf).withOpenCost(-1));
  }

  private static FileSplit split(String name, long length, String[] hosts, String[] racks) {
    return new FileSplit("hdfs://nn/" + name, 0, length, hosts, racks, false);
  }

  private File smallFiles(int count, int size) throws IOException {
    File dir = tmp.newFolder("small");
    for (String name : fileNames(count)) {
      write(dir, name, "y".repeat(size - 1) + "\n");
    }
    return dir;
  }

  private static List<String> fileNames(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.format("f-%05d.txt", i));
    }
    return names;
  }

  private static List<String> namesInOrder(List<InputPartition> partitions) {
    return partitions.stream()
        .flatMap(p -> p.splits().stream())
        .map(s -> s.path().substring(s.path().lastIndexOf('/') + 1))
        .collect(Collectors.toList());
  }

  private static File write(File dir, String name, String text) throws IOException {
    File file = new File(dir, name);
    Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static String uri(File file) {
    String uri = file.toURI().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
