package dev.weft.engine;

import static org.junit.Assert.assertEquals;

import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class SmokeTest {
  @Test
  public void wordCount() {
    try (WeftContext weft =
        new WeftContext(
            new WeftConf(false).setMaster("local[2]").set("weft.memory.reserved", "0"))) {
      Map<String, Long> counts =
          weft.parallelize(List.of("a b", "b c", "c c"), 2)
              .flatMap(l -> Arrays.asList(l.split(" ")).iterator())
              .mapToPair(w -> new Tuple2<>(w, 1L))
              .reduceByKey(Long::sum)
              .collectAsMap();
      assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), counts);
      List<Long> sorted = weft.range(0, 100).sortBy(x -> -x, true, 3).take(3);
      assertEquals(List.of(99L, 98L, 97L), sorted);
      System.out.println(
          weft.range(0, 10).mapToPair(x -> new Tuple2<>(x % 3, x)).groupByKey().toDebugString());
    }
  }
}
