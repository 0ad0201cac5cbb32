package dev.weft.executor.shuffle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Tuple2;
import dev.weft.core.plan.Aggregator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.Test;

public class CombinerMapTest {
  private static final Combining<Long, Long> SUM =
      new Combining<>(new Aggregator<Object, Long, Long>(v -> v, Long::sum, Long::sum), false);

  /** A key whose hash code is the same for every instance, so all keys collide. */
  private record Colliding(int id) {
    @Override
    public int hashCode() {
      return 7;
    }
  }

  private static <K> Map<K, Long> drain(CombinerMap<K, Long> map) {
    Map<K, Long> out = new HashMap<>();
    for (Iterator<Tuple2<K, Long>> it = map.iterator(); it.hasNext(); ) {
      Tuple2<K, Long> e = it.next();
      assertFalse("key " + e._1() + " appears twice", out.containsKey(e._1()));
      out.put(e._1(), e._2());
    }
    return out;
  }

  @Test
  public void sumsEveryKeyAcrossManyGrowths() {
    CombinerMap<String, Long> map = new CombinerMap<>();
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      String key = "k" + (i * 31 % 50_000);
      map.combine(key, (long) i, SUM);
      expected.merge(key, (long) i, Long::sum);
    }
    assertEquals(50_000, map.size());
    assertEquals(expected, drain(map));
  }

  @Test
  public void keepsKeysApartWhoseHashesAllCollide() {
    CombinerMap<Colliding, Long> map = new CombinerMap<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 500; i++) {
        map.combine(new Colliding(i), 1L, SUM);
      }
    }
    Map<Colliding, Long> result = drain(map);
    assertEquals(500, result.size());
    assertTrue(result.values().stream().allMatch(c -> c == 3L));
  }

  /** A key that counts the calls of its {@code hashCode}. */
  private static final class CountingKey {
    private final int id;
    private int hashCalls;

    CountingKey(int id) {
      this.id = id;
    }

    @Override
    public int hashCode() {
      hashCalls++;
      return id;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CountingKey other && other.id == id;
    }
  }

  @Test
  public void growingAsksNoKeyForItsHashAgain() {
    CombinerMap<CountingKey, Long> map = new CombinerMap<>();
    CountingKey[] keys = new CountingKey[10_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new CountingKey(i);
      map.combine(keys[i], 1L, SUM);
    }
    for (CountingKey key : keys) {
      assertEquals("hashCode calls of key " + key.id, 1, key.hashCalls);
    }
    assertEquals(keys.length, drain(map).size());
  }

  @Test
  public void holdsANullKeyAndNullCombiners() {
    Combining<String, String> keepNull =
        new Combining<>(
            new Aggregator<Object, String, String>(v -> null, (c, v) -> c, (a, b) -> a), false);
    CombinerMap<String, String> map = new CombinerMap<>();
    map.combine(null, "a", keepNull);
    map.combine("x", "b", keepNull);
    map.combine("x", "c", keepNull);
    map.combine(null, "d", keepNull);
    Map<String, String> out = new HashMap<>();
    map.iterator().forEachRemaining(e -> out.put(e._1(), e._2()));
    Map<String, String> expected = new HashMap<>();
    expected.put(null, null);
    expected.put("x", null);
    assertEquals(expected, out);
    assertEquals(2, map.size());
  }

  @Test
  public void mergesCombinersWhenTheInputHoldsCombiners() {
    Combining<Long, Long> merge =
        new Combining<>(
            new Aggregator<Object, Long, Long>(
                v -> {
                  throw new AssertionError("combiners must not be created again");
                },
                (c, v) -> {
                  throw new AssertionError("values are not merged here");
                },
                Long::sum),
            true);
    CombinerMap<Integer, Long> map = new CombinerMap<>();
    map.combine(1, 10L, merge);
    map.combine(1, 5L, merge);
    assertEquals(Map.of(1, 15L), drain(map));
  }

  @Test(expected = NoSuchElementException.class)
  public void anEmptyMapHasNoEntries() {
    CombinerMap<String, Long> map = new CombinerMap<>();
    assertTrue(map.isEmpty());
    Iterator<Tuple2<String, Long>> it = map.iterator();
    assertFalse(it.hasNext());
    it.next();
  }
}
