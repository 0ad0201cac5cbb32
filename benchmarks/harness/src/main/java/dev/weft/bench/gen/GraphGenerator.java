package dev.weft.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The PageRank input: a power-law graph grown by preferential attachment. Each new node links with
 * up to {@link #EDGES_PER_NODE} distinct earlier nodes, picked in proportion to their degree most
 * of the time and uniformly otherwise; each edge points either way at random. So there are no self
 * loops and, since every edge touches the node being added, no duplicates.
 */
public final class GraphGenerator {
  /** Edges added with each node. */
  public static final int EDGES_PER_NODE = 5;

  static final long PART_EDGES = 250_000;
  private static final long SEED = 0x5eed_9a7eL;

  /** Grows a graph of exactly {@code edges} edges. */
  public Graph grow(int edges) {
    SplittableRandom random = new SplittableRandom(SEED);
    int[] src = new int[edges];
    int[] dst = new int[edges];
    int[] picked = new int[EDGES_PER_NODE];
    int e = 0;
    int node = 1;
    while (e < edges) {
      int want = Math.min(Math.min(EDGES_PER_NODE, node), edges - e);
      int n = 0;
      while (n < want) {
        int target;
        if (e > 0 && random.nextInt(10) < 8) {
          // An endpoint of a random edge: a node is picked in proportion to its degree.
          int edge = random.nextInt(e);
          target = random.nextBoolean() ? src[edge] : dst[edge];
        } else {
          target = random.nextInt(node);
        }
        if (!contains(picked, n, target)) {
          picked[n++] = target;
        }
      }
      for (int i = 0; i < n; i++, e++) {
        boolean out = random.nextBoolean();
        src[e] = out ? node : picked[i];
        dst[e] = out ? picked[i] : node;
      }
      node++;
    }
    return new Graph(node, src, dst);
  }

  /** Writes {@code graph} as {@code src dst} lines into part files of {@code dir}. */
  public void write(Graph graph, Path dir) throws IOException {
    int parts = PartWriter.parts(graph.edges(), PART_EDGES);
    int e = 0;
    byte[] line = new byte[24];
    for (int p = 0; p < parts; p++) {
      long n = PartWriter.share(graph.edges(), parts, p);
      try (OutputStream out = PartWriter.open(dir, p, ".txt")) {
        for (long i = 0; i < n; i++, e++) {
          int len = format(graph.src()[e], line, 0);
          line[len++] = ' ';
          len = format(graph.dst()[e], line, len);
          line[len++] = '\n';
          out.write(line, 0, len);
        }
      }
    }
  }

  private static boolean contains(int[] values, int n, int value) {
    for (int i = 0; i < n; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  private static int format(int value, byte[] buf, int at) {
    byte[] digits = Integer.toString(value).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, buf, at, digits.length);
    return at + digits.length;
  }
}
