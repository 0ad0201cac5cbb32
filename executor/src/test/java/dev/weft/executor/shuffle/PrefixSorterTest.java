package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.NaturalKeyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** Sorting on key prefixes gives exactly the comparator's stable order, ties and nulls included. */
public class PrefixSorterTest {

  @Test
  public void stringKeysSharingPrefixesSortAsTheComparatorDoesAndStably() {
    Random random = new Random(7);
    List<Tuple2<String, Integer>> input = new ArrayList<>();
    String[] stems = {
      "", "a", "ab", "abcd", "abcde", "abcdz", "\uffff\uffffx", "zz", "\u00e9t\u00e9"
    };
    for (int i = 0; i < 5_000; i++) {
      String key =
          random.nextInt(40) == 0
              ? null
              : stems[random.nextInt(stems.length)]
                  + (random.nextBoolean() ? "" : random.nextInt(30));
      input.add(Tuple2.of(key, i));
    }
    for (boolean ascending : new boolean[] {true, false}) {
      NaturalKeyOrder order = new NaturalKeyOrder(ascending);
      List<Tuple2<String, Integer>> reference = new ArrayList<>(input);
      reference.sort((a, b) -> order.compare(a._1(), b._1())); // List.sort is stable

      assertEquals(reference, PrefixSorter.sort(new ArrayList<>(input), order));
    }
  }

  @Test
  public void numericKeysSortAcrossTheWholeRange() {
    Random random = new Random(11);
    List<Tuple2<Long, Integer>> input = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      long key = random.nextInt(10) == 0 ? random.nextInt(5) : random.nextLong();
      input.add(Tuple2.of(key, i));
    }
    input.add(Tuple2.of(Long.MIN_VALUE, -1));
    input.add(Tuple2.of(Long.MAX_VALUE, -2));
    NaturalKeyOrder order = new NaturalKeyOrder(true);
    List<Tuple2<Long, Integer>> reference = new ArrayList<>(input);
    reference.sort((a, b) -> order.compare(a._1(), b._1()));

    assertEquals(reference, PrefixSorter.sort(input, order));
  }

  @Test
  public void emptyAndSingleRecordInputs() {
    NaturalKeyOrder order = new NaturalKeyOrder(true);
    assertEquals(List.of(), PrefixSorter.sort(new ArrayList<Tuple2<String, String>>(), order));
    assertEquals(
        List.of(Tuple2.of("k", "v")),
        PrefixSorter.sort(new ArrayList<>(List.of(Tuple2.of("k", "v"))), order));
  }
}
