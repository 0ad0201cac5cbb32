package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.List;

/** A user job whose tasks throw: the application must end FAILED with this message. */
public final class FailingJob {
  /** What every task throws. */
  public static final String MESSAGE = "bad record 42 in the input";

  private FailingJob() {}

  public static void main(String[] args) {
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("FailingJob"))) {
      weft.parallelize(List.of(1, 2, 3, 4), 2)
          .map(
              i -> {
                if (i == 3) {
                  throw new IllegalStateException(MESSAGE);
                }
                return i;
              })
          .count();
    }
  }
}
