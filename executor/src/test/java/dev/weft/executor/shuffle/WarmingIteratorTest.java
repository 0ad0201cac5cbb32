package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import dev.weft.api.Tuple2;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.Test;

/** Warming the cache ahead changes nothing about what is iterated. */
public class WarmingIteratorTest {

  @Test
  public void yieldsEveryRecordInOrderAcrossBlocksNullsIncluded() {
    List<Tuple2<String, Integer>> records = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      records.add(Tuple2.of(i % 7 == 0 ? null : "k" + i, i % 5 == 0 ? null : i));
    }
    WarmingIterator<String, Integer> it = new WarmingIterator<>(records);
    List<Tuple2<String, Integer>> seen = new ArrayList<>();
    while (it.hasNext()) {
      seen.add(it.next());
    }

    assertEquals(records, seen);
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  public void emptyInputHasNoRecords() {
    WarmingIterator<String, String> it = new WarmingIterator<>(List.of());

    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }
}
