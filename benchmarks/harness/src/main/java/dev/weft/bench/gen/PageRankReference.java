package dev.weft.bench.gen;

/**
 * The expected PageRank, single-threaded, in the README's formulation (that of Spark's example):
 * ranks start at 1.0 for every node with out-links; each iteration, every node that has both a rank
 * and out-links sends {@code rank / outdegree} along each link, and the new ranks are {@code 0.15 +
 * 0.85 * received} for exactly the nodes that received something.
 */
public final class PageRankReference {
  private PageRankReference() {}

  /**
   * Runs {@code iterations} iterations over {@code graph} (its edges are distinct).
   *
   * @return the final rank of each node, {@link Double#NaN} for nodes without one
   */
  public static double[] ranks(Graph graph, int iterations) {
    int n = graph.nodes();
    int[] outDegree = new int[n];
    for (int s : graph.src()) {
      outDegree[s]++;
    }
    double[] rank = new double[n];
    for (int v = 0; v < n; v++) {
      rank[v] = outDegree[v] > 0 ? 1.0 : Double.NaN;
    }
    for (int it = 0; it < iterations; it++) {
      double[] received = new double[n];
      boolean[] got = new boolean[n];
      for (int e = 0; e < graph.edges(); e++) {
        int s = graph.src()[e];
        if (!Double.isNaN(rank[s])) {
          int d = graph.dst()[e];
          received[d] += rank[s] / outDegree[s];
          got[d] = true;
        }
      }
      for (int v = 0; v < n; v++) {
        rank[v] = got[v] ? 0.15 + 0.85 * received[v] : Double.NaN;
      }
    }
    return rank;
  }
}
