package dev.weft.executor.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class SizeEstimatorTest {

  static final class Address {
    String city;
    long zip;

    Address(String city, long zip) {
      this.city = city;
      this.zip = zip;
    }
  }

  static final class Person {
    String name;
    Address address;
    int age;

    Person(String name, Address address, int age) {
      this.name = name;
      this.address = address;
      this.age = age;
    }
  }

  static final class Node {
    Node next;
  }

  @Test
  public void nullAndSharedConstantsCostNothing() {
    assertEquals(0, SizeEstimator.estimate(null));
    assertEquals(0, SizeEstimator.estimate(Thread.State.NEW));
  }

  @Test
  public void stringIsItsObjectPlusOneBytePerChar() {
    assertEquals(24 + 16, SizeEstimator.estimate(""));
    assertEquals(24 + 24, SizeEstimator.estimate("hello"));
    assertEquals(24 + 16 + 1000, SizeEstimator.estimate("x".repeat(1000)));
  }

  @Test
  public void boxedPrimitivesAreHeaderPlusValueAligned() {
    assertEquals(16, SizeEstimator.estimate(42));
    assertEquals(24, SizeEstimator.estimate(42L));
    assertEquals(24, SizeEstimator.estimate(4.2d));
    assertEquals(16, SizeEstimator.estimate(true));
  }

  @Test
  public void arraysAreHeaderPlusElementsAligned() {
    assertEquals(16, SizeEstimator.estimate(new long[0]));
    assertEquals(16 + 400, SizeEstimator.estimate(new int[100]));
    assertEquals(16 + 8, SizeEstimator.estimate(new byte[3]));
    assertEquals(16 + 40, SizeEstimator.estimate(new Object[10]));
    assertEquals(16 + 8 + 2 * 48, SizeEstimator.estimate(new String[] {"hello", "world"}));
  }

  @Test
  public void userClassIsWalkedThroughItsFields() {
    Person p = new Person("Alice", new Address("Paris", 75001), 30);

    // Person 12+4+4+4, "Alice" 48, Address 12+4+8, "Paris" 48
    assertEquals(24 + 48 + 24 + 48, SizeEstimator.estimate(p));
  }

  @Test
  public void cyclesAndSharedReferencesAreCountedOnce() {
    Node a = new Node();
    Node b = new Node();
    a.next = b;
    b.next = a;
    assertEquals(32, SizeEstimator.estimate(a));

    String shared = "x".repeat(100);
    long oneString = SizeEstimator.estimate(shared);
    long twice = SizeEstimator.estimate(new Object[] {shared, shared});
    assertEquals(SizeEstimator.estimate(new Object[2]) + oneString, twice);
  }

  @Test
  public void arrayListOfStringsIsAboutItsElementsPlusBackingArray() {
    List<String> strings = distinctStrings(1000);
    long perString = SizeEstimator.estimate("s-000000"); // 8 chars
    long expected = 1000 * perString + 16 + 4 * 1000;

    assertWithin(expected, 0.15, SizeEstimator.estimate(strings));
  }

  @Test
  public void sampledLargeCollectionsStayClose() {
    long perString = SizeEstimator.estimate("s-000000");
    long expected = 100_000 * (perString + 4);

    assertWithin(expected, 0.15, SizeEstimator.estimate(distinctStrings(100_000)));
    assertWithin(expected, 0.15, SizeEstimator.estimate(distinctStrings(100_000).toArray()));
    assertWithin(
        expected + 100_000 * 20,
        0.2,
        SizeEstimator.estimate(new LinkedList<>(distinctStrings(100_000))));
  }

  @Test
  public void sampledArrayInterleavingSmallKeysAndLargeValuesCountsBoth() {
    // The layout of the shuffle's combiner map: key at even slots, combiner at odd ones.
    for (int length : new int[] {1_000, 1_600, 20_000}) {
      Object[] slots = new Object[length];
      for (int i = 0; i < length; i += 2) {
        slots[i] = (long) i;
        slots[i + 1] = new long[62];
      }
      long expected = 16 + 4L * length + (length / 2) * (16 + 16 + 8 * 62);

      assertWithin(expected, 0.1, SizeEstimator.estimate(slots));
    }
  }

  @Test
  public void sampledArrayOfOneSharedObjectCountsItOnce() {
    String big = "y".repeat(10_000);
    Object[] array = new Object[10_000];
    java.util.Arrays.fill(array, big);

    long size = SizeEstimator.estimate(array);

    assertWithin(16 + 40_000 + SizeEstimator.estimate(big), 0.05, size);
  }

  @Test
  public void sizeGrowsWithTheNumberOfElements() {
    long previous = 0;
    for (int n : new int[] {0, 10, 100, 399, 401, 1000, 10_000, 100_000}) {
      long size = SizeEstimator.estimate(distinctStrings(n));
      assertTrue("size of " + n + " strings: " + size + " <= " + previous, size > previous);
      previous = size;
    }
  }

  @Test
  public void hashMapCountsEntriesTableKeysAndValues() {
    Map<Integer, String> map = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      map.put(i, "v" + i);
    }
    // 100 nodes of 32, a table of 256 slots, keys of 16, values of about 48
    long expected = 100 * 32 + (16 + 4 * 256) + 100 * 16 + 100 * 48;

    assertWithin(expected, 0.2, SizeEstimator.estimate(map));
    assertTrue(SizeEstimator.estimate(map) < SizeEstimator.estimate(bigger(map)));
  }

  @Test
  public void optionalAndEmptyCollectionsAreSmall() {
    assertEquals(16 + 48, SizeEstimator.estimate(Optional.of("hello")));
    assertTrue(SizeEstimator.estimate(new ArrayList<>()) <= 64);
    assertTrue(SizeEstimator.estimate(Collections.emptyMap()) <= 32);
  }

  private static Map<Integer, String> bigger(Map<Integer, String> map) {
    Map<Integer, String> copy = new HashMap<>(map);
    copy.put(1000, "another");
    return copy;
  }

  private static List<String> distinctStrings(int n) {
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(String.format("s-%06d", i));
    }
    return strings;
  }

  private static void assertWithin(long expected, double tolerance, long actual) {
    assertTrue(
        "expected about " + expected + " (±" + (int) (tolerance * 100) + "%), got " + actual,
        Math.abs(actual - expected) <= expected * tolerance);
  }
}
