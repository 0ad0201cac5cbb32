package dev.weft.bench.gen;

/**
 * A directed graph as parallel edge arrays.
 *
 * @param nodes number of nodes; ids are {@code 0..nodes-1}
 * @param src each edge's source
 * @param dst each edge's destination
 */
public record Graph(int nodes, int[] src, int[] dst) {
  /** Number of edges. */
  public int edges() {
    return src.length;
  }
}
