package dev.weft.sql.expr.agg;

import static dev.weft.sql.expr.Exprs.dec;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.weft.sql.expr.AggregateFunction;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Count;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.Test;

public class AggregatesTest {

  private static Expression input(DataType t) {
    return new BoundReference(0, t, true);
  }

  /** The aggregate over the values in one pass. */
  static Object onePass(AggregateFunction f, List<?> values) {
    Object[] buffer = new Object[f.bufferTypes().size()];
    f.initialize(buffer, 0);
    for (Object v : values) {
      f.update(buffer, 0, new InternalRow(v));
    }
    return f.evaluate(buffer, 0);
  }

  /**
   * The aggregate over the values split into partial buffers (at offset 1 of a wider buffer) that
   * are merged into a final one, as partial and final aggregation do.
   */
  static Object partialsMerged(AggregateFunction f, List<?> values, int parts) {
    int n = f.bufferTypes().size();
    Object[] total = new Object[n + 2];
    f.initialize(total, 2);
    for (int p = 0; p < parts; p++) {
      Object[] partial = new Object[n + 1];
      f.initialize(partial, 1);
      for (int i = p; i < values.size(); i += parts) {
        f.update(partial, 1, new InternalRow(values.get(i)));
      }
      f.merge(total, 2, partial, 1);
    }
    return f.evaluate(total, 2);
  }

  private static void assertMergeEqualsOnePass(AggregateFunction f, List<?> values) {
    Object expected = onePass(f, values);
    for (int parts = 1; parts <= 4; parts++) {
      Object merged = partialsMerged(f, values, parts);
      if (expected instanceof List<?> l && merged instanceof List<?> m) {
        List<Object> a = new ArrayList<>(l);
        List<Object> b = new ArrayList<>(m);
        a.sort(null);
        b.sort(null);
        assertEquals(f.sql() + " in " + parts + " parts", a, b);
      } else if (expected instanceof Double d) {
        assertEquals(f.sql() + " in " + parts + " parts", d, (Double) merged, 1e-9 * Math.abs(d));
      } else {
        assertEquals(f.sql() + " in " + parts + " parts", expected, merged);
      }
    }
  }

  private static final List<Object> NONE = List.of();
  private static final List<Object> ALL_NULL = Arrays.asList(null, null);

  @Test
  public void emptyAndAllNullGroupsAreNullExceptForCountsAndLists() {
    for (Function<Expression, AggregateFunction> f :
        List.<Function<Expression, AggregateFunction>>of(
            Sum::new, Avg::new, Min::new, Max::new, First::new)) {
      AggregateFunction agg = f.apply(input(DataTypes.IntegerType));
      assertNull(agg.sql(), onePass(agg, NONE));
      assertNull(agg.sql(), onePass(agg, ALL_NULL));
      assertNull(agg.sql(), partialsMerged(agg, ALL_NULL, 2));
    }
    assertEquals(List.of(), onePass(new CollectList(input(DataTypes.IntegerType)), ALL_NULL));
    assertEquals(0L, onePass(new CountDistinct(List.of(input(DataTypes.IntegerType))), ALL_NULL));
    assertEquals(0L, onePass(new Count(List.of(input(DataTypes.IntegerType))), ALL_NULL));
  }

  @Test
  public void sumOfIntegersIsABigintThatWrapsOnOverflow() {
    Sum sum = new Sum(input(DataTypes.IntegerType));
    assertEquals(DataTypes.LongType, sum.dataType());
    assertEquals(6L, onePass(sum, Arrays.asList(1, null, 2, 3)));
    Sum longs = new Sum(input(DataTypes.LongType));
    assertEquals(Long.MIN_VALUE, onePass(longs, List.of(Long.MAX_VALUE, 1L)));
    assertEquals(Long.MIN_VALUE, partialsMerged(longs, List.of(Long.MAX_VALUE, 1L), 2));
  }

  @Test
  public void sumOfDecimalsWidensByTenDigitsAndIsNullOnOverflow() {
    DataType d = DataTypes.createDecimalType(5, 2);
    Sum sum = new Sum(input(d));
    assertEquals(DataTypes.createDecimalType(15, 2), sum.dataType());
    assertEquals(dec("3.50"), onePass(sum, List.of(dec("1.25"), dec("2.25"))));
    DataType d38 = DataTypes.createDecimalType(38, 0);
    BigDecimal max = new BigDecimal("9".repeat(38));
    Sum big = new Sum(input(d38));
    assertEquals(d38, big.dataType());
    // the running sum overflows at the second value; it stays NULL though the third brings it back
    assertNull(onePass(big, List.of(max, max, max.negate())));
    assertNull(partialsMerged(big, List.of(max, max), 2)); // overflows when merged
  }

  @Test
  public void avgIsDoubleOrAWiderDecimal() {
    assertEquals(2.0, onePass(new Avg(input(DataTypes.IntegerType)), Arrays.asList(1, null, 3)));
    Avg avg = new Avg(input(DataTypes.createDecimalType(5, 2)));
    assertEquals(DataTypes.createDecimalType(9, 6), avg.dataType());
    assertEquals(dec("0.666667"), onePass(avg, List.of(dec("0.00"), dec("1.00"), dec("1.00"))));
    assertEquals(
        dec("0.666667"), partialsMerged(avg, List.of(dec("0.00"), dec("1.00"), dec("1.00")), 2));
  }

  @Test
  public void minAndMaxUseSqlOrder() {
    assertEquals(
        Double.NaN, onePass(new Max(input(DataTypes.DoubleType)), List.of(1.0, Double.NaN)));
    assertEquals(1.0, onePass(new Min(input(DataTypes.DoubleType)), List.of(1.0, Double.NaN)));
    assertEquals("b", onePass(new Max(input(DataTypes.StringType)), Arrays.asList("a", null, "b")));
    assertEquals(
        "max(input[0]) needs an orderable argument, not map<string,int>",
        new Max(input(DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType)))
            .checkInputTypes());
  }

  @Test
  public void firstAndLastWithAndWithoutNulls() {
    List<Object> values = Arrays.asList(null, 1, 2, null);
    assertNull(onePass(new First(input(DataTypes.IntegerType)), values));
    assertEquals(1, onePass(new First(input(DataTypes.IntegerType), true, false), values));
    assertNull(onePass(new First(input(DataTypes.IntegerType), false, true), values));
    assertEquals(2, onePass(new First(input(DataTypes.IntegerType), true, true), values));
    assertEquals(
        1, partialsMerged(new First(input(DataTypes.IntegerType), true, false), values, 1));
  }

  @Test
  public void collectListSkipsNullsAndCollectSetKeepsOneOfEqualValues() {
    assertEquals(
        List.of(1, 2, 1),
        onePass(new CollectList(input(DataTypes.IntegerType)), Arrays.asList(1, null, 2, 1)));
    assertEquals(
        List.of(0.0, 1.0),
        onePass(new CollectList(input(DataTypes.DoubleType), true), List.of(0.0, -0.0, 1.0)));
    assertEquals(
        1,
        ((List<?>)
                onePass(
                    new CollectList(input(DataTypes.BinaryType), true),
                    List.of(new byte[] {1}, new byte[] {1})))
            .size());
  }

  @Test
  public void countDistinctCountsDistinctTuplesWithoutNulls() {
    CountDistinct one = new CountDistinct(List.of(input(DataTypes.IntegerType)));
    assertEquals(2L, onePass(one, Arrays.asList(1, 2, 2, null, 1)));
    assertEquals("count(DISTINCT input[0])", one.sql());
    CountDistinct pairs =
        new CountDistinct(
            List.of(
                input(DataTypes.IntegerType), new BoundReference(1, DataTypes.StringType, true)));
    Object[] buffer = new Object[1];
    pairs.initialize(buffer, 0);
    for (Object[] row :
        new Object[][] {{1, "a"}, {1, "a"}, {1, "b"}, {2, "a"}, {2, null}, {null, "a"}}) {
      pairs.update(buffer, 0, new InternalRow(row));
    }
    assertEquals(3L, pairs.evaluate(buffer, 0));
  }

  @Test
  public void varianceAndStddevAreNullForTooFewRows() {
    List<Object> values = List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0);
    CentralMoment pop =
        new CentralMoment(input(DataTypes.DoubleType), CentralMoment.Stat.STDDEV_POP);
    assertEquals(2.0, (Double) onePass(pop, values), 1e-12);
    CentralMoment samp =
        new CentralMoment(input(DataTypes.DoubleType), CentralMoment.Stat.VAR_SAMP);
    assertEquals(32.0 / 7, (Double) onePass(samp, values), 1e-12);
    assertNull(onePass(samp, List.of(1.0)));
    assertEquals(
        0.0,
        onePass(
            new CentralMoment(input(DataTypes.DoubleType), CentralMoment.Stat.VAR_POP),
            List.of(1.0)));
  }

  @Test
  public void mergingPartialBuffersEqualsOnePass() {
    Random random = new Random(42);
    List<Object> ints = new ArrayList<>();
    List<Object> doubles = new ArrayList<>();
    List<Object> decimals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean isNull = random.nextInt(10) == 0;
      ints.add(isNull ? null : random.nextInt(50) - 25);
      doubles.add(isNull ? null : random.nextGaussian() * 100);
      decimals.add(isNull ? null : BigDecimal.valueOf(random.nextInt(100000) - 50000, 2));
    }
    DataType dec = DataTypes.createDecimalType(7, 2);
    List<AggregateFunction> onInts =
        List.of(
            new Sum(input(DataTypes.IntegerType)),
            new Avg(input(DataTypes.IntegerType)),
            new Min(input(DataTypes.IntegerType)),
            new Max(input(DataTypes.IntegerType)),
            new Count(List.of(input(DataTypes.IntegerType))),
            new CountDistinct(List.of(input(DataTypes.IntegerType))),
            new CollectList(input(DataTypes.IntegerType)),
            new CollectList(input(DataTypes.IntegerType), true));
    for (AggregateFunction f : onInts) {
      assertMergeEqualsOnePass(f, ints);
    }
    for (CentralMoment.Stat s : CentralMoment.Stat.values()) {
      assertMergeEqualsOnePass(new CentralMoment(input(DataTypes.DoubleType), s), doubles);
    }
    assertMergeEqualsOnePass(new Sum(input(DataTypes.DoubleType)), doubles);
    assertMergeEqualsOnePass(new Sum(input(dec)), decimals);
    assertMergeEqualsOnePass(new Avg(input(dec)), decimals);
  }

  @Test
  public void mergeAcceptsPartialBuffersThatWereSerialized() {
    // after a shuffle a list buffer arrives as a plain (unmodifiable) list
    CollectList set = new CollectList(input(DataTypes.IntegerType), true);
    Object[] total = new Object[1];
    set.initialize(total, 0);
    set.merge(total, 0, new Object[] {List.of(1, 2)}, 0);
    set.merge(total, 0, new Object[] {List.of(2, 3)}, 0);
    assertEquals(List.of(1, 2, 3), set.evaluate(total, 0));
    CountDistinct cd = new CountDistinct(List.of(input(DataTypes.IntegerType)));
    Object[] buf = new Object[] {List.of(new InternalRow(1))};
    cd.merge(buf, 0, new Object[] {List.of(new InternalRow(1), new InternalRow(2))}, 0);
    assertEquals(2L, cd.evaluate(buf, 0));
  }
}
