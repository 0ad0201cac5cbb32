package dev.weft.it.apps;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.List;
import java.util.Locale;

/**
 * A job that outlives its delegation tokens: it reads {@code args[0]} on the executors, then runs a
 * one-task stage that takes {@code args[2]} seconds, then reads the input again and writes it upper
 * case to {@code args[1]}, through a shuffle (so the shuffle service serves it, encrypted when
 * {@code weft.shuffle.encryption.enabled}). Its file system calls after the slow stage work only
 * when the tokens were renewed and reached the executors and the driver.
 */
public final class TokenLifetimeJob {
  private TokenLifetimeJob() {}

  public static void main(String[] args) {
    String in = args[0];
    String out = args[1];
    long slowMillis = Long.parseLong(args[2]) * 1000;
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("TokenLifetimeJob"))) {
      long before = weft.textFile(in, 2).count();
      weft.parallelize(List.of(1), 1)
          .map(
              i -> {
                Thread.sleep(slowMillis); // the slow stage, longer than the tokens live
                return i;
              })
          .count();
      long after = weft.textFile(in, 2).count();
      if (after != before) {
        throw new IllegalStateException(
            "read " + before + " lines before the slow stage, " + after + " after");
      }
      weft.textFile(in, 2)
          .map(line -> line.toUpperCase(Locale.ROOT))
          .repartition(3)
          .saveAsTextFile(out);
    }
  }
}
