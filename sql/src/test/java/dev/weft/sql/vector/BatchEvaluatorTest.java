package dev.weft.sql.vector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.BoundReference;
import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.GreaterThanOrEqual;
import dev.weft.sql.expr.InternalRow;
import dev.weft.sql.expr.IsNotNull;
import dev.weft.sql.expr.IsNull;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.LessThanOrEqual;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.Not;
import dev.weft.sql.expr.Or;
import dev.weft.sql.expr.arith.Add;
import dev.weft.sql.expr.arith.Divide;
import dev.weft.sql.expr.arith.Multiply;
import dev.weft.sql.expr.arith.Subtract;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * Generated code over column batches gives exactly the interpreted results, row by row, for random
 * expression trees over random columns with nulls and extreme values (overflow, NaN, -0.0).
 */
public class BatchEvaluatorTest {
  private static final DataType[] TYPES = {
    DataTypes.BooleanType,
    DataTypes.ByteType,
    DataTypes.ShortType,
    DataTypes.IntegerType,
    DataTypes.LongType,
    DataTypes.FloatType,
    DataTypes.DoubleType,
    DataTypes.StringType,
    DataTypes.createDecimalType(10, 2),
    DataTypes.createDecimalType(25, 3),
    DataTypes.DateType,
    DataTypes.TimestampType,
  };
  private static final int ROWS = 300;

  private final Random random = new Random(42);

  private Object randomValue(DataType t) {
    if (random.nextInt(6) == 0) {
      return null;
    }
    int pick = random.nextInt(10);
    return switch (t.kind()) {
      case BOOLEAN -> random.nextBoolean();
      case BYTE ->
          pick == 0 ? Byte.MAX_VALUE : pick == 1 ? Byte.MIN_VALUE : (byte) random.nextInt(7);
      case SHORT ->
          pick == 0 ? Short.MAX_VALUE : pick == 1 ? Short.MIN_VALUE : (short) random.nextInt(7);
      case INT, DATE ->
          pick == 0 ? Integer.MAX_VALUE : pick == 1 ? Integer.MIN_VALUE : random.nextInt(7) - 3;
      case LONG, TIMESTAMP ->
          pick == 0 ? Long.MAX_VALUE : pick == 1 ? Long.MIN_VALUE : (long) random.nextInt(7) - 3;
      case FLOAT ->
          pick == 0
              ? Float.NaN
              : pick == 1 ? -0.0f : pick == 2 ? Float.MAX_VALUE : random.nextInt(5) / 2f;
      case DOUBLE ->
          pick == 0
              ? Double.NaN
              : pick == 1 ? -0.0 : pick == 2 ? Double.MAX_VALUE : random.nextInt(5) / 2.0;
      case STRING -> pick == 0 ? "" : pick == 1 ? "\uD83D\uDE00" : "s" + random.nextInt(4);
      case DECIMAL ->
          BigDecimal.valueOf(
              random.nextInt(2000) - 1000, ((dev.weft.sql.types.DecimalType) t).scale());
      default -> throw new IllegalArgumentException(t.simpleString());
    };
  }

  private Expression literal(DataType t) {
    Object v = randomValue(t);
    return v == null ? Literal.nullOf(t) : new Literal(v, t);
  }

  private Expression value(DataType t, int depth) {
    int pick = random.nextInt(depth <= 0 ? 2 : 5);
    boolean primitiveNumber =
        t.isIntegral() || t.kind() == DataType.Kind.FLOAT || t.kind() == DataType.Kind.DOUBLE;
    if (pick == 0) {
      return literal(t);
    }
    if (pick == 2 && primitiveNumber) {
      Expression l = value(t, depth - 1);
      Expression r = value(t, depth - 1);
      return switch (random.nextInt(4)) {
        case 0 -> new Add(l, r);
        case 1 -> new Subtract(l, r);
        case 2 -> new Multiply(l, r);
        default ->
            t.kind() == DataType.Kind.DOUBLE
                ? new Divide(l, r) // not generated: the tree is interpreted
                : new Add(l, r);
      };
    }
    if (pick == 3 && primitiveNumber) {
      DataType from = TYPES[1 + random.nextInt(4)];
      return new Cast(value(from, depth - 1), t);
    }
    if (pick == 4 && t.kind() == DataType.Kind.BOOLEAN) {
      return predicate(depth - 1);
    }
    int ordinal = indexOf(t);
    return new BoundReference(ordinal, t, true);
  }

  private static int indexOf(DataType t) {
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i].equals(t)) {
        return i;
      }
    }
    throw new IllegalArgumentException(t.simpleString());
  }

  private Expression predicate(int depth) {
    int pick = random.nextInt(depth <= 0 ? 2 : 7);
    switch (pick) {
      case 0, 1 -> {
        DataType t = TYPES[random.nextInt(TYPES.length)];
        Expression l = value(t, depth - 1);
        Expression r = value(t, depth - 1);
        return switch (random.nextInt(5)) {
          case 0 -> new EqualTo(l, r);
          case 1 -> new LessThan(l, r);
          case 2 -> new LessThanOrEqual(l, r);
          case 3 -> new GreaterThan(l, r);
          default -> new GreaterThanOrEqual(l, r);
        };
      }
      case 2 -> {
        return new And(predicate(depth - 1), predicate(depth - 1));
      }
      case 3 -> {
        return new Or(predicate(depth - 1), predicate(depth - 1));
      }
      case 4 -> {
        return new Not(predicate(depth - 1));
      }
      case 5 -> {
        return new IsNull(value(TYPES[random.nextInt(TYPES.length)], depth - 1));
      }
      default -> {
        return new IsNotNull(value(TYPES[random.nextInt(TYPES.length)], depth - 1));
      }
    }
  }

  private List<InternalRow> rows() {
    List<InternalRow> rows = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      Object[] v = new Object[TYPES.length];
      for (int c = 0; c < v.length; c++) {
        v[c] = randomValue(TYPES[c]);
      }
      rows.add(new InternalRow(v));
    }
    return rows;
  }

  private static ColumnBatch batch(List<InternalRow> rows) {
    ColumnVector[] columns = new ColumnVector[TYPES.length];
    for (int c = 0; c < columns.length; c++) {
      HeapColumnVector v = new HeapColumnVector(TYPES[c], rows.size());
      for (int r = 0; r < rows.size(); r++) {
        Object x = rows.get(r).get(c);
        if (x == null) {
          v.putNull(r);
          continue;
        }
        switch (TYPES[c].kind()) {
          case BOOLEAN -> v.putBoolean(r, (Boolean) x);
          case BYTE -> v.putByte(r, (Byte) x);
          case SHORT -> v.putShort(r, (Short) x);
          case INT, DATE -> v.putInt(r, (Integer) x);
          case LONG, TIMESTAMP -> v.putLong(r, (Long) x);
          case FLOAT -> v.putFloat(r, (Float) x);
          case DOUBLE -> v.putDouble(r, (Double) x);
          case STRING -> v.putString(r, (String) x);
          case DECIMAL -> v.putDecimal(r, (BigDecimal) x);
          default -> throw new IllegalStateException();
        }
      }
      columns[c] = v;
    }
    return new ColumnBatch(columns, rows.size());
  }

  @Test
  public void generatedPredicatesSelectExactlyTheRowsWhereTheInterpretedOnesAreTrue() {
    int generated = 0;
    for (int round = 0; round < 150; round++) {
      List<InternalRow> rows = rows();
      Expression p = predicate(4);
      BatchEvaluator ev = new BatchEvaluator(p, null, true);
      generated += ev.generatedCount();
      ColumnBatch b = batch(rows);
      // A prior selection (every other row) is respected.
      int[] odd = new int[ROWS / 2];
      for (int i = 0; i < odd.length; i++) {
        odd[i] = 2 * i + 1;
      }
      b.select(odd, odd.length);
      ColumnBatch out = ev.evaluate(b);
      List<Integer> expected = new ArrayList<>();
      for (int r = 1; r < ROWS; r += 2) {
        if (Boolean.TRUE.equals(p.eval(rows.get(r)))) {
          expected.add(r);
        }
      }
      List<Integer> actual = new ArrayList<>();
      for (int i = 0; i < out.numSelected(); i++) {
        actual.add(out.selectedRow(i));
      }
      assertEquals(p.toString(), expected, actual);
    }
    assertTrue("most predicates generated: " + generated, generated > 100);
  }

  @Test
  public void generatedValuesEqualTheInterpretedOnes() {
    int generated = 0;
    for (int round = 0; round < 150; round++) {
      List<InternalRow> rows = rows();
      DataType t = TYPES[random.nextInt(TYPES.length)];
      Expression e = value(t, 4);
      Expression p = predicate(2);
      BatchEvaluator ev =
          new BatchEvaluator(p, List.of(e, new BoundReference(0, TYPES[0], true)), true);
      generated += ev.generatedCount();
      ColumnBatch out = ev.evaluate(batch(rows));
      int k = 0;
      for (int r = 0; r < ROWS; r++) {
        if (!Boolean.TRUE.equals(p.eval(rows.get(r)))) {
          continue;
        }
        assertEquals(r, out.selectedRow(k));
        Object expected = e.eval(rows.get(r));
        assertEquals(e + " at row " + r, expected, out.row(r).get(0));
        assertEquals(rows.get(r).get(0), out.row(r).get(1));
        k++;
      }
      assertEquals(k, out.numSelected());
    }
    assertTrue("most values generated: " + generated, generated > 100);
  }

  @Test
  public void withoutCodegenEverythingIsInterpretedWithTheSameResult() {
    Expression p =
        new And(
            new GreaterThan(
                new BoundReference(3, DataTypes.IntegerType, true),
                new Literal(0, DataTypes.IntegerType)),
            new IsNotNull(new BoundReference(7, DataTypes.StringType, true)));
    BatchEvaluator on = new BatchEvaluator(p, null, true);
    BatchEvaluator off = new BatchEvaluator(p, null, false);
    assertEquals(2, on.generatedCount());
    assertEquals(0, off.generatedCount());
    List<InternalRow> rows = rows();
    ColumnBatch a = on.evaluate(batch(rows));
    ColumnBatch b = off.evaluate(batch(rows));
    assertEquals(List.of(a.toRows()), List.of(b.toRows()));
    assertTrue(a.numSelected() > 0);
  }
}
