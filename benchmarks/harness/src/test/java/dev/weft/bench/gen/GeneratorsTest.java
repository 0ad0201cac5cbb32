package dev.weft.bench.gen;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.bench.DataLayout;
import dev.weft.bench.Scale;
import dev.weft.bench.check.LineDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GeneratorsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void sameSeedWritesTheSameBytes() throws Exception {
    Path a = tmp.newFolder("a").toPath();
    Path b = tmp.newFolder("b").toPath();
    new SortGenerator().generate(a.resolve("sort"), 3_000);
    new SortGenerator().generate(b.resolve("sort"), 3_000);
    new TextGenerator(1_000).generate(a.resolve("text"), 50_000);
    new TextGenerator(1_000).generate(b.resolve("text"), 50_000);
    for (String f : List.of("sort/part-00000.txt", "sort/part-00001.txt", "text/part-00001.txt")) {
      assertArrayEquals(f, Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)));
    }
  }

  @Test
  public void sortRecordsAre100BytesWithAPrintableKeyAndTheirDigestIsReturned() throws Exception {
    Path dir = tmp.newFolder().toPath();
    LineDigest digest = new SortGenerator().generate(dir, 2_001);
    LineDigest reread = new LineDigest();
    long seq = 0;
    for (String part : List.of("part-00000.txt", "part-00001.txt")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(part));
      assertEquals(0, bytes.length % 100);
      for (int r = 0; r < bytes.length; r += 100, seq++) {
        String line = new String(bytes, r, 99, StandardCharsets.US_ASCII);
        assertEquals('\n', bytes[r + 99]);
        assertTrue(line, line.substring(0, 10).chars().allMatch(c -> c >= '!' && c <= '~'));
        assertTrue(line, line.substring(10).matches("[0-9A-Z ]{89}"));
        assertEquals(seq, Long.parseLong(line.substring(10, 26), 16));
        reread.add(line);
      }
    }
    assertEquals(2_001, seq);
    assertEquals(digest.sum(), reread.sum());
  }

  @Test
  public void textUsesAtMostTheVocabularyOfLowerCaseWordsAndCountsThem() throws Exception {
    Path dir = tmp.newFolder().toPath();
    TextGenerator gen = new TextGenerator(500);
    long[] counts = gen.generate(dir, 200_000);
    Set<String> distinct = new HashSet<>();
    long words = 0;
    for (String part : List.of("part-00000.txt", "part-00001.txt")) {
      for (String line : Files.readAllLines(dir.resolve(part))) {
        String[] tokens = line.split(" ", -1);
        assertTrue(line, tokens.length >= 8 && tokens.length <= 16);
        for (String t : tokens) {
          assertTrue(t, t.matches("[a-z]{2,12}"));
          distinct.add(t);
          words++;
        }
      }
    }
    assertTrue(distinct.size() <= 500);
    assertEquals(words, java.util.Arrays.stream(counts).sum());
    assertTrue("Zipf-like: rank 0 beats rank 99", counts[0] > counts[99]);
  }

  @Test
  public void theStandardVocabularyHas100kDistinctWords() {
    Vocabulary v = Vocabulary.generate(TextGenerator.VOCABULARY_SIZE, 1);
    Set<String> words = new HashSet<>();
    for (int i = 0; i < v.size(); i++) {
      assertTrue(v.word(i), v.word(i).matches("[a-z]{2,12}"));
      words.add(v.word(i));
    }
    assertEquals(100_000, words.size());
  }

  @Test
  public void theGraphHasNoSelfLoopsNorDuplicateEdges() {
    Graph g = new GraphGenerator().grow(20_000);
    assertEquals(20_000, g.edges());
    Set<Long> edges = new HashSet<>();
    for (int e = 0; e < g.edges(); e++) {
      assertFalse("self loop at " + g.src()[e], g.src()[e] == g.dst()[e]);
      assertTrue("duplicate edge", edges.add(((long) g.src()[e] << 32) | g.dst()[e]));
    }
  }

  @Test
  public void pageRankFollowsTheClassicFormulation() {
    // 0 -> 1, 0 -> 2, 1 -> 2, 2 -> 0; node 3 -> 0 receives nothing and drops out after one round.
    Graph g = new Graph(4, new int[] {0, 0, 1, 2, 3}, new int[] {1, 2, 2, 0, 0});
    double[] one = PageRankReference.ranks(g, 1);
    assertEquals(0.15 + 0.85 * 2.0, one[0], 1e-12);
    assertEquals(0.15 + 0.85 * 0.5, one[1], 1e-12);
    assertEquals(0.15 + 0.85 * 1.5, one[2], 1e-12);
    assertTrue(Double.isNaN(one[3]));
  }

  @Test
  public void dataOfAnotherScaleIsRefusedAndKept() throws Exception {
    Path root = tmp.newFolder("data").toPath();
    DataLayout layout = new DataLayout(root);
    Files.createDirectories(layout.completeMarker().getParent());
    Files.writeString(layout.completeMarker(), "scale=default\n");
    Files.createDirectories(layout.resolve(DataLayout.TEXT));
    Path someones =
        Files.writeString(layout.resolve(DataLayout.TEXT).resolve("part-00000.txt"), "a b\n");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataGenerator(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .ensure(layout, Scale.TINY));

    assertTrue(e.getMessage(), e.getMessage().contains(root.toString()));
    assertTrue(e.getMessage(), e.getMessage().contains("'scale=default', not scale=tiny"));
    assertTrue(Files.exists(someones));
  }
}
