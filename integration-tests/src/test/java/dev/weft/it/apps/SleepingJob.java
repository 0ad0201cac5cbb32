package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.List;

/** A job that runs until it is killed: each of its tasks sleeps for ten minutes. */
public final class SleepingJob {
  private SleepingJob() {}

  public static void main(String[] args) {
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("SleepingJob"))) {
      weft.parallelize(List.of(1, 2), 2)
          .map(
              i -> {
                Thread.sleep(600_000);
                return i;
              })
          .count();
    }
  }
}
