package dev.weft.bench.weft;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;

/**
 * The latency benchmark's job: parallelize the ints 0..999 in 2 partitions and count them. Run as a
 * whole process, on {@code local[2]} or through {@code bin/yarn-submit}; exits 1 if the count is
 * wrong.
 */
public final class TrivialJob {
  private TrivialJob() {}

  public static void main(String[] args) {
    long count;
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("weft-bench trivial"))) {
      count = WeftWorkloads.trivial(weft);
    }
    System.out.println("count=" + count);
    if (count != 1000) {
      System.exit(1);
    }
  }
}
