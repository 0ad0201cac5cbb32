package dev.weft.hdfs.input;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.UserPathException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of {@link SplitPlanner}: which files are read and how they are cut. */
public class SplitPlannerTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  @Test
  public void directoryYieldsItsVisibleFilesSortedAndSkipsHiddenOnesAndSubdirectories()
      throws IOException {
    File dir = tmp.newFolder("in");
    write(dir, "b.txt", "b\n");
    write(dir, "a.txt", "a\n");
    write(dir, "_SUCCESS", "");
    write(dir, "_meta", "hidden\n");
    write(dir, ".a.txt.crc", "hidden\n");
    write(new File(dir, "_temporary"), "x.txt", "hidden\n");
    write(new File(dir, "sub"), "c.txt", "c\n");

    assertEquals(List.of("a.txt", "b.txt"), names(planner().plan(uri(dir), 1)));
  }

  @Test
  public void recursivePlannerDescendsIntoVisibleSubdirectoriesOnly() throws IOException {
    File dir = tmp.newFolder("in");
    write(dir, "a.txt", "a\n");
    write(new File(dir, "sub"), "c.txt", "c\n");
    write(new File(dir, "sub/deeper"), "d.txt", "d\n");
    write(new File(dir, "_temporary"), "x.txt", "hidden\n");
    write(new File(dir, ".staging"), "y.txt", "hidden\n");

    assertEquals(
        List.of("a.txt", "c.txt", "d.txt"), names(planner().withRecursive(true).plan(uri(dir), 1)));
  }

  @Test
  public void globMatchesFilesAndSkipsHiddenMatches() throws IOException {
    File dir = tmp.newFolder("logs");
    write(new File(dir, "2024-01"), "part-0", "x\n");
    write(new File(dir, "2024-02"), "part-0", "y\n");
    write(new File(dir, "2023-12"), "part-0", "z\n");
    write(new File(dir, "_2024-tmp"), "part-0", "hidden\n");
    write(new File(dir, "2024-03"), "_part-0", "hidden\n");

    List<FileSplit> splits = planner().plan(uri(dir) + "/2024-*/*", 1);

    assertEquals(
        List.of("2024-01/part-0", "2024-02/part-0"),
        splits.stream().map(SplitPlannerTest::lastTwo).collect(Collectors.toList()));
  }

  @Test
  public void globMatchingADirectoryReadsItsFiles() throws IOException {
    File dir = tmp.newFolder("tables");
    write(new File(dir, "t1"), "a.txt", "a\n");
    write(new File(dir, "t2"), "b.txt", "b\n");

    assertEquals(List.of("a.txt", "b.txt"), names(planner().plan(uri(dir) + "/t*", 1)));
  }

  @Test
  public void literalPathIsReadEvenIfItsNameLooksHidden() throws IOException {
    File file = write(tmp.getRoot(), "_explicit.txt", "x\n");
    assertEquals(List.of("_explicit.txt"), names(planner().plan(uri(file), 1)));
  }

  @Test
  public void missingPathFailsWithOneClearLine() {
    String missing = new File(tmp.getRoot(), "nope").getPath();
    UserPathException e = assertThrows(UserPathException.class, () -> planner().plan(missing, 1));
    assertEquals("Input path does not exist: " + missing, e.getMessage());
    assertEquals(missing, e.path());
  }

  @Test
  public void globMatchingNothingFailsWithOneClearLine() throws IOException {
    File dir = tmp.newFolder("in");
    write(dir, "_hidden.txt", "x\n");
    String glob = uri(dir) + "/*.txt";
    UserPathException e = assertThrows(UserPathException.class, () -> planner().plan(glob, 1));
    assertEquals("Input path does not exist: " + glob, e.getMessage());
  }

  @Test
  public void splitsAreAtMostTheMaximumSizeAndTileTheFile() throws IOException {
    File file = write(tmp.getRoot(), "f.txt", "x".repeat(1000));
    List<FileSplit> splits = planner().withMaxSplitSize(64).plan(uri(file), 1);
    assertEquals(16, splits.size());
    assertTiles(splits, 1000);
    splits.forEach(s -> assertTrue(s.toString(), s.length() <= 64));
  }

  @Test
  public void minimumNumberOfSplitsIsHonoured() throws IOException {
    File dir = tmp.newFolder("in");
    write(dir, "a.txt", "x".repeat(1000));
    write(dir, "b.txt", "y".repeat(30));
    List<FileSplit> splits = planner().plan(uri(dir), 10);
    assertTrue("got " + splits.size(), splits.size() >= 10);
    assertTiles(
        splits.stream().filter(s -> s.path().endsWith("a.txt")).collect(Collectors.toList()), 1000);
  }

  @Test
  public void defaultMaximumIs128MebibytesAndOneSmallFileIsOneSplit() throws IOException {
    assertEquals(128L * 1024 * 1024, planner().maxSplitSize());
    File file = write(tmp.getRoot(), "small.txt", "abc\n");
    List<FileSplit> splits = planner().plan(uri(file), 1);
    assertEquals(1, splits.size());
    assertEquals(0, splits.get(0).start());
    assertEquals(4, splits.get(0).length());
    assertFalse(splits.get(0).wholeFile());
  }

  @Test
  public void gzipFileIsOneWholeSplitWhateverTheSizes() throws IOException {
    File file = tmp.newFile("data.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.toPath()))) {
      for (int i = 0; i < 1000; i++) {
        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    List<FileSplit> splits = planner().withMaxSplitSize(16).plan(uri(file), 8);
    assertEquals(1, splits.size());
    FileSplit split = splits.get(0);
    assertTrue(split.wholeFile());
    assertEquals(0, split.start());
    assertEquals(file.length(), split.length());
  }

  @Test
  public void emptyFilesProduceNoSplits() throws IOException {
    File dir = tmp.newFolder("in");
    write(dir, "empty.txt", "");
    write(dir, "full.txt", "x\n");
    assertEquals(List.of("full.txt"), names(planner().plan(uri(dir), 1)));
    assertEquals(List.of(), planner().plan(uri(new File(dir, "empty.txt")), 1));
  }

  @Test
  public void severalPathsArePlannedInTheGivenOrder() throws IOException {
    File b = write(tmp.getRoot(), "b.txt", "b\n");
    File a = write(tmp.getRoot(), "a.txt", "a\n");
    assertEquals(List.of("b.txt", "a.txt"), names(planner().plan(List.of(uri(b), uri(a)), 1)));
  }

  @Test
  public void localSplitsCarryTheLocalHost() throws IOException {
    File file = write(tmp.getRoot(), "f.txt", "x\n");
    FileSplit split = planner().plan(uri(file), 1).get(0);
    assertArrayEquals(new String[] {"localhost"}, split.hosts());
  }

  @Test
  public void hostsAreThoseOfTheBlockHoldingMostOfTheSplit() throws IOException {
    BlockLocation[] blocks = {
      new BlockLocation(null, new String[] {"h1", "h2"}, 0, 100),
      new BlockLocation(null, new String[] {"h3", "h4"}, 100, 100),
    };
    assertArrayEquals(new String[] {"h1", "h2"}, BlockPlacement.hostsOf(blocks, 0, 100));
    assertArrayEquals(new String[] {"h1", "h2"}, BlockPlacement.hostsOf(blocks, 40, 100));
    assertArrayEquals(new String[] {"h3", "h4"}, BlockPlacement.hostsOf(blocks, 60, 100));
    assertArrayEquals(new String[] {"h3", "h4"}, BlockPlacement.hostsOf(blocks, 150, 50));
    assertArrayEquals(new String[0], BlockPlacement.hostsOf(new BlockLocation[0], 0, 10));
  }

  @Test
  public void splitIsSerializableAndComparedByValue() throws Exception {
    FileSplit split = new FileSplit("hdfs://nn/a", 5, 10, new String[] {"h1"}, false);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(split);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertEquals(split, copy);
    assertEquals(split.hashCode(), copy.hashCode());
    assertEquals(15, split.end());
  }

  @Test
  public void invalidArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> planner().withMaxSplitSize(0));
    assertThrows(IllegalArgumentException.class, () -> planner().plan(List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> planner().plan("x", 0));
    assertThrows(
        IllegalArgumentException.class, () -> new FileSplit("hdfs://nn/a", 3, 1, null, true));
  }

  private SplitPlanner planner() {
    return new SplitPlanner(conf);
  }

  /** Asserts that the splits are contiguous, in order, and cover {@code [0, length)}. */
  private static void assertTiles(List<FileSplit> splits, long length) {
    long expectedStart = 0;
    for (FileSplit split : splits) {
      assertEquals(split.toString(), expectedStart, split.start());
      assertTrue(split.toString(), split.length() > 0);
      expectedStart = split.end();
    }
    assertEquals(length, expectedStart);
  }

  private static List<String> names(List<FileSplit> splits) {
    return splits.stream()
        .map(s -> s.path().substring(s.path().lastIndexOf('/') + 1))
        .collect(Collectors.toList());
  }

  private static String lastTwo(FileSplit split) {
    String[] parts = split.path().split("/");
    return parts[parts.length - 2] + "/" + parts[parts.length - 1];
  }

  private static File write(File dir, String name, String text) throws IOException {
    dir.mkdirs();
    File file = new File(dir, name);
    Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** The file's URI, without the trailing slash a directory's URI has. */
  private static String uri(File file) {
    String uri = file.toURI().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
