package dev.weft.engine;

import static dev.weft.engine.Conformance.cases;
import static dev.weft.engine.Conformance.ints;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.WeftContext;
import dev.weft.engine.Conformance.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** saveAsTextFile and textFile against java.nio. */
public class TextIoTest {
  private static WeftContext weft;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @BeforeClass
  public static void start() {
    weft = Conformance.newContext();
  }

  @AfterClass
  public static void stop() {
    weft.close();
  }

  /** The lines of the part files under {@code dir}, in part order. */
  private static List<String> readParts(Path dir) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts =
          files
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .sorted()
              .collect(Collectors.toList());
    }
    List<String> lines = new ArrayList<>();
    for (Path p : parts) {
      lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
    }
    return lines;
  }

  private static long partCount(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
  }

  @Test
  public void saveAsTextFileWritesOnePartPerPartitionInOrderAndSuccess() throws IOException {
    for (Case c : cases()) {
      if (c.partitions() > 8 && c.size() != 5) {
        continue; // one many-partition case is enough: each part file is committed separately
      }
      List<Integer> data = ints(c);
      Path out = tmp.getRoot().toPath().resolve("out-" + c.partitions() + "-" + c.size());
      weft.parallelize(data, c.partitions()).saveAsTextFile(out.toString());
      assertTrue("_SUCCESS " + c, Files.exists(out.resolve("_SUCCESS")));
      assertEquals("part files " + c, c.partitions(), partCount(out));
      List<String> expected = data.stream().map(String::valueOf).collect(Collectors.toList());
      assertEquals("lines " + c, expected, readParts(out));
      assertEquals(
          "read back with textFile " + c, expected, weft.textFile(out.toString()).collect());
    }
  }

  @Test
  public void saveAsTextFileRefusesAnExistingDestinationNamingIt() throws IOException {
    Path out = tmp.newFolder("exists").toPath();
    Files.writeString(out.resolve("keep.txt"), "precious\n");
    Dataset<Integer> ds = weft.parallelize(List.of(1, 2, 3), 2);
    RuntimeException e =
        assertThrows(RuntimeException.class, () -> ds.saveAsTextFile(out.toString()));
    assertTrue(
        "the error names the destination: " + e.getMessage(),
        e.getMessage() != null && e.getMessage().contains(out.toString()));
    assertEquals(
        "existing content untouched", "precious\n", Files.readString(out.resolve("keep.txt")));
    // A second save to a fresh path still works, and then that path refuses too.
    Path fresh = tmp.getRoot().toPath().resolve("fresh");
    ds.saveAsTextFile(fresh.toString());
    assertThrows(RuntimeException.class, () -> ds.saveAsTextFile(fresh.toString()));
    assertEquals(List.of("1", "2", "3"), readParts(fresh));
  }

  /** Lines of random length (some empty, some long, some non-ASCII). */
  private static List<String> randomLines(Random r, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      if (kind == 0) {
        lines.add("");
      } else if (kind == 1) {
        lines.add("héllo wörld ✓ " + i);
      } else {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(kind == 2 ? 3000 : 60);
        for (int j = 0; j < len; j++) {
          sb.append((char) ('a' + r.nextInt(26)));
        }
        lines.add(sb.toString());
      }
    }
    return lines;
  }

  /** Lines as a line reader sees them: split at "\n"; a final "\n" ends the last line. */
  private static List<String> referenceLines(String text) {
    List<String> pieces = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.isEmpty() || text.endsWith("\n")) {
      pieces.remove(pieces.size() - 1);
    }
    return pieces;
  }

  @Test
  public void textFileReadsEveryLineExactlyOnceInOrderForAnySplitCount() throws IOException {
    for (int n : new int[] {0, 1, 7, 2000}) {
      for (boolean trailingNewline : new boolean[] {true, false}) {
        List<String> lines = randomLines(new Random(n * 2L + (trailingNewline ? 1 : 0)), n);
        String text = String.join("\n", lines) + (trailingNewline && n > 0 ? "\n" : "");
        Path file = tmp.newFile().toPath();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> expected = referenceLines(text);
        for (int minPartitions : new int[] {1, 2, 8, 64}) {
          String what =
              "lines="
                  + n
                  + " trailingNewline="
                  + trailingNewline
                  + " minPartitions="
                  + minPartitions;
          Dataset<String> ds = weft.textFile(file.toString(), minPartitions);
          assertTrue(
              "at least minPartitions splits " + what + " got " + ds.getNumPartitions(),
              text.length() < minPartitions || ds.getNumPartitions() >= minPartitions);
          assertEquals(what, expected, ds.collect());
        }
      }
    }
  }

  @Test
  public void textFileOfAMissingPathNamesIt() {
    String missing = tmp.getRoot().toPath().resolve("no-such-file.txt").toString();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> weft.textFile(missing));
    assertTrue(e.getMessage(), e.getMessage().contains(missing));
  }

  @Test
  public void textFileReadsADirectorySkippingHiddenFiles() throws IOException {
    Path dir = tmp.newFolder("in").toPath();
    Files.writeString(dir.resolve("a.txt"), "a1\na2\n");
    Files.writeString(dir.resolve("b.txt"), "b1\n");
    Files.writeString(dir.resolve("_hidden"), "h\n");
    Files.writeString(dir.resolve(".dot"), "d\n");
    List<String> lines = weft.textFile(dir.toString()).collect();
    Conformance.assertSameMultiset("directory", List.of("a1", "a2", "b1"), lines);
  }
}
