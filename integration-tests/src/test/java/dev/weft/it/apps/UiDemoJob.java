package dev.weft.it.apps;

import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Something to look at in the web UI: job 0 shuffles 1,000 numbers into 10 keys (two stages), then
 * job 1 runs two tasks that wait until the file named by {@code args[0]} exists.
 */
public final class UiDemoJob {
  private UiDemoJob() {}

  public static void main(String[] args) {
    String go = args[0]; // a String: the task's closure must be serializable
    try (WeftContext weft = new WeftContext(new WeftConf().setAppName("UiDemoJob"))) {
      List<Integer> numbers = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
      long keys =
          weft.parallelize(numbers, 4)
              .mapToPair(i -> new Tuple2<>(i % 10, 1L))
              .reduceByKey(Long::sum, 2)
              .count();
      if (keys != 10) {
        throw new IllegalStateException("expected 10 keys, found " + keys);
      }
      weft.parallelize(List.of(1, 2), 2)
          .map(
              i -> {
                while (!Files.exists(Path.of(go))) {
                  Thread.sleep(200); // until the test has looked at the UI
                }
                return i;
              })
          .count();
    }
  }
}
