package dev.weft.engine;

import dev.weft.api.*;
import java.util.*;
import org.junit.Test;

public class ZzDebugTest {
  @Test
  public void debug() {
    try (WeftContext weft = Conformance.newContext()) {
      LongAccumulator computed = weft.longAccumulator("computed");
      List<Integer> data = Conformance.ints(new Conformance.Case(99, 300, 8));
      Dataset<Integer> ds =
          weft.parallelize(data, 8)
              .map(
                  x -> {
                    computed.add(1);
                    return x;
                  })
              .cache();
      ds.collect();
      System.out.println("A " + computed.value());
      ds.count();
      System.out.println("B " + computed.value());
      ds.collect();
      System.out.println("C " + computed.value());
      LongAccumulator c2 = weft.longAccumulator("c2");
      List<Integer> data2 = new ArrayList<>();
      for (int i = 0; i < 300; i++) data2.add(i % 7 == 0 ? null : i);
      weft.parallelize(data2, 8)
          .map(
              x -> {
                c2.add(1);
                return x;
              })
          .collect();
      System.out.println("D " + c2.value());
    }
  }
}
