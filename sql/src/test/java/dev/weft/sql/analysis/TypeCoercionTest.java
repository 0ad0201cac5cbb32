package dev.weft.sql.analysis;

import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.And;
import dev.weft.sql.expr.AttributeReference;
import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.EqualTo;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.expr.GreaterThan;
import dev.weft.sql.expr.LessThan;
import dev.weft.sql.expr.Literal;
import dev.weft.sql.expr.agg.Sum;
import dev.weft.sql.expr.arith.Add;
import dev.weft.sql.expr.arith.Divide;
import dev.weft.sql.expr.arith.IntegralDivide;
import dev.weft.sql.expr.arith.Multiply;
import dev.weft.sql.expr.arith.Subtract;
import dev.weft.sql.expr.cond.CaseWhen;
import dev.weft.sql.expr.cond.Coalesce;
import dev.weft.sql.expr.cond.If;
import dev.weft.sql.expr.cond.In;
import dev.weft.sql.expr.datetime.DateAdd;
import dev.weft.sql.expr.datetime.DatePart;
import dev.weft.sql.expr.math.GreatestLeast;
import dev.weft.sql.expr.string.Substring;
import dev.weft.sql.expr.string.Upper;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class TypeCoercionTest {
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType STRING = DataTypes.StringType;

  private static AttributeReference col(String name, DataType t) {
    return AttributeReference.create(name, t, true);
  }

  private static DataType dec(int p, int s) {
    return DataTypes.createDecimalType(p, s);
  }

  private static Expression coerce(Expression e) {
    Expression c = TypeCoercion.coerceAll(e);
    assertNull("still mistyped: " + c.sql(), c.checkInputTypes());
    return c;
  }

  @Test
  public void numbersWidenInArithmeticAndComparisons() {
    Expression sum = coerce(new Add(col("i", INT), col("l", LONG)));
    assertEquals(LONG, sum.dataType());
    assertEquals("(CAST(i AS BIGINT) + l)", sum.sql());
    Expression cmp = coerce(new LessThan(lit((byte) 1), lit(2.5f)));
    assertEquals("(CAST(1 AS FLOAT) < 2.5)", cmp.sql());
    assertEquals(true, eval(cmp));
  }

  @Test
  public void divisionOfNonDecimalsIsOnDoubles() {
    Expression d = coerce(new Divide(lit(7), lit(2)));
    assertEquals(DOUBLE, d.dataType());
    assertEquals(3.5, eval(d));
    Expression div = coerce(new IntegralDivide(lit(7), lit((short) 2)));
    assertEquals(3L, eval(div));
  }

  @Test
  public void integralOperandsOfDecimalsBecomeDecimalsLiteralsTheSmallest() {
    Expression price = col("price", dec(10, 2));
    // a literal 2 is decimal(1,0): (10+1+1, 2+0)
    assertEquals(dec(12, 2), coerce(new Multiply(price, lit(2))).dataType());
    // an int column is decimal(10,0): (10+10+1, 2)
    assertEquals(dec(21, 2), coerce(new Multiply(price, col("q", INT))).dataType());
    // a double makes the decimal a double
    assertEquals(DOUBLE, coerce(new Add(price, lit(1.5))).dataType());
    // decimals of different scales compare as the wider decimal
    Expression cmp = coerce(new EqualTo(lit(new BigDecimal("1.5")), lit(new BigDecimal("1.50"))));
    assertEquals(true, eval(cmp));
    Expression divide = coerce(new Divide(lit(new BigDecimal("1")), lit(3)));
    assertEquals(dec(7, 6), divide.dataType());
    assertEquals(new BigDecimal("0.333333"), eval(divide));
  }

  @Test
  public void stringsInArithmeticAreDoubles() {
    Expression e = coerce(new Add(lit("1.5"), lit(1)));
    assertEquals(DOUBLE, e.dataType());
    assertEquals(2.5, eval(e));
    assertNull(eval(coerce(new Add(lit("abc"), lit(1)))));
  }

  @Test
  public void stringsCompareAsTheOtherSidesType() {
    // against a number: as that number (so '10' > 9 numerically, and 'x' is NULL)
    assertEquals(true, eval(coerce(new GreaterThan(lit("10"), lit(9)))));
    assertNull(eval(coerce(new GreaterThan(lit("x"), lit(9)))));
    assertEquals("(CAST('10' AS INT) > 9)", coerce(new GreaterThan(lit("10"), lit(9))).sql());
    // against a decimal: as doubles
    Expression d = coerce(new EqualTo(lit("1.50"), lit(new BigDecimal("1.5"))));
    assertEquals(DOUBLE, ((Cast) ((EqualTo) d).left()).dataType());
    // against a date: as dates
    Expression date = coerce(new EqualTo(lit(LocalDate.of(2026, 1, 2)), lit("2026-01-02")));
    assertEquals(true, eval(date));
    // against a boolean: as booleans
    assertEquals(true, eval(coerce(new EqualTo(lit("yes"), Literal.TRUE))));
  }

  @Test
  public void datesCompareWithTimestampsAsTimestamps() {
    Expression e =
        coerce(
            new EqualTo(
                lit(LocalDate.of(2026, 1, 2)),
                lit(java.time.Instant.parse("2026-01-02T00:00:00Z"))));
    assertEquals(true, eval(e));
  }

  @Test
  public void booleansEqualNumbersAsNumbers() {
    assertEquals(true, eval(coerce(new EqualTo(Literal.TRUE, lit(1)))));
    assertEquals(false, eval(coerce(new EqualTo(lit(2), Literal.TRUE))));
  }

  @Test
  public void nullLiteralsTakeTheOtherType() {
    Expression e = coerce(new Add(lit(null), lit(1)));
    assertEquals(INT, e.dataType());
    assertEquals(
        DataTypes.BooleanType, ((And) coerce(new And(lit(null), Literal.TRUE))).left().dataType());
    assertEquals(DOUBLE, coerce(new Add(lit(null), lit(null))).dataType());
  }

  @Test
  public void dateArithmeticBecomesDateAdd() {
    Expression plus = coerce(new Add(lit(LocalDate.of(2024, 2, 28)), lit(1)));
    assertTrue(plus instanceof DateAdd);
    assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), eval(plus));
    Expression minus = coerce(new Subtract(lit(LocalDate.of(2024, 3, 1)), lit(1)));
    assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), eval(minus));
    Expression flipped = coerce(new Add(lit(1), lit(LocalDate.of(2024, 2, 28))));
    assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), eval(flipped));
  }

  @Test
  public void branchesMeetAtTheirWiderTypeWithStringPromotion() {
    Expression cw =
        coerce(new CaseWhen(List.of(col("b", DataTypes.BooleanType)), List.of(lit(1)), lit(2.5)));
    assertEquals(DOUBLE, cw.dataType());
    Expression mixed = coerce(new If(Literal.TRUE, lit(1), lit("a")));
    assertEquals(STRING, mixed.dataType());
    assertEquals("1", eval(mixed));
    Expression co = coerce(new Coalesce(List.of(lit(null), lit(1), lit(2L))));
    assertEquals(LONG, co.dataType());
    assertEquals(1L, eval(co));
    Expression nullPredicate = coerce(new If(lit(null), lit(1), lit(2)));
    assertEquals(2, eval(nullPredicate));
  }

  @Test
  public void inCastsEverythingToTheWiderCommonType() {
    Expression e = coerce(new In(lit(1), List.of(lit("1"), lit(2L))));
    assertEquals(STRING, ((In) e).value().dataType()); // legacy: a string makes it string
    assertEquals(true, eval(e));
    Expression n = coerce(new In(lit(1), List.of(lit(1.0), lit(null))));
    assertEquals(true, eval(n));
  }

  @Test
  public void greatestDoesNotPromoteToString() {
    Expression g = coerce(new GreatestLeast(List.of(lit(1), lit(2.5), lit(2L)), true));
    assertEquals(DOUBLE, g.dataType());
    Expression bad = TypeCoercion.coerceAll(new GreatestLeast(List.of(lit(1), lit("a")), true));
    assertEquals("differing types in greatest(1, 'a'): int, string", bad.checkInputTypes());
  }

  @Test
  public void functionArgumentsAreCastToTheExpectedTypes() {
    Expression u = coerce(new Upper(lit(12)));
    assertEquals("upper(CAST(12 AS STRING))", u.sql());
    assertEquals("12", eval(u));
    Expression sub = coerce(new Substring(lit("abcdef"), lit(2L), lit((byte) 3)));
    assertEquals("bcd", eval(sub));
    Expression year = coerce(new DatePart(lit("2026-05-06"), DatePart.Field.YEAR));
    assertEquals(2026, eval(year));
    Expression sum = coerce(new Sum(lit("1.5")));
    assertEquals(DOUBLE, sum.dataType());
    Expression add = coerce(new DateAdd(lit("2026-01-31"), lit(1L)));
    assertEquals((int) LocalDate.of(2026, 2, 1).toEpochDay(), eval(add));
  }

  @Test
  public void whatNoRuleFixesIsLeftForTheTypeCheck() {
    Expression e = new Add(lit(true), lit(1));
    Expression c = TypeCoercion.coerceAll(e);
    assertEquals("(true + 1) requires numeric operands, not boolean", c.checkInputTypes());
    Expression same = new Add(lit(1), lit(2));
    assertSame(same, TypeCoercion.coerce(same));
  }

  @Test
  public void wellTypedExpressionsComeBackAsTheSameInstance() {
    AttributeReference b = col("b", DataTypes.BooleanType);
    for (Expression e :
        List.<Expression>of(
            new If(b, lit(1), lit(2)),
            new CaseWhen(List.of(b), List.of(lit(1)), lit(2)),
            new Coalesce(List.of(lit(1), lit(2))),
            new In(lit(1), List.of(lit(2))),
            new EqualTo(lit(1), lit(2)),
            new Divide(lit(1.0), lit(2.0)),
            new IntegralDivide(lit(1L), lit(2L)),
            new Add(lit(new BigDecimal("1.5")), lit(new BigDecimal("1.25"))),
            new Upper(lit("a")),
            new GreatestLeast(List.of(lit(1), lit(2)), true))) {
      assertSame(e.sql(), e, TypeCoercion.coerce(e));
    }
  }

  @Test
  public void commonTypeHelpers() {
    assertEquals(Optional.of(LONG), TypeCoercion.findTightestCommonType(INT, LONG));
    assertEquals(
        Optional.of(dec(10, 2)),
        TypeCoercion.findTightestCommonType(dec(10, 2), DataTypes.ByteType));
    assertEquals(Optional.empty(), TypeCoercion.findTightestCommonType(dec(5, 2), INT));
    assertEquals(Optional.of(dec(12, 2)), TypeCoercion.findWiderTypeForTwo(dec(5, 2), INT));
    assertEquals(
        Optional.of(DOUBLE), TypeCoercion.findWiderTypeForTwo(dec(5, 2), DataTypes.FloatType));
    assertEquals(Optional.of(STRING), TypeCoercion.findWiderTypeForTwo(STRING, DataTypes.DateType));
    assertEquals(Optional.empty(), TypeCoercion.findWiderTypeForTwo(STRING, DataTypes.BooleanType));
    assertEquals(
        Optional.of(DataTypes.createArrayType(LONG)),
        TypeCoercion.findWiderTypeForTwo(
            DataTypes.createArrayType(INT), DataTypes.createArrayType(LONG)));
    assertEquals(
        Optional.of(STRING),
        TypeCoercion.findWiderCommonType(List.of(DataTypes.TimestampType, INT, STRING)));
  }

  @Test
  public void castsGetTheSessionTimeZone() {
    Expression e =
        coerce(
            new EqualTo(
                lit(java.time.Instant.parse("2026-01-02T00:00:00Z")), lit("2026-01-02 09:00:00")));
    assertEquals(false, eval(e));
    Expression tokyo = ResolveTimeZone.apply(e, "Asia/Tokyo");
    assertEquals(true, eval(tokyo));
    assertEquals("Asia/Tokyo", ((Cast) ((EqualTo) tokyo).right()).timeZoneId());
  }

  @Test
  public void nullTypedArgumentsOfFunctions() {
    assertNull(eval(coerce(new Upper(nul(DataTypes.NullType)))));
  }
}
