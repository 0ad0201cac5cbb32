package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.List;

/**
 * Asks, in the program, for executors of {@value #EXECUTOR_MEMORY} heap, which yarn-submit cannot
 * check before it submits: the application must fail at once saying they fit on no node.
 */
public final class BigExecutorsJob {
  public static final String EXECUTOR_MEMORY = "2g";

  private BigExecutorsJob() {}

  public static void main(String[] args) {
    WeftConf conf =
        new WeftConf().setAppName("BigExecutorsJob").set("weft.executor.memory", EXECUTOR_MEMORY);
    try (WeftContext weft = new WeftContext(conf)) {
      weft.parallelize(List.of(1, 2, 3), 3).count();
    }
  }
}
